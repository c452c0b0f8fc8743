import type { Finding } from "./engine.ts"

/**
 * Nesting depth of a JSON text, counted in one pass over its characters (strings and escapes
 * skipped) without parsing it, so a hostile "[[[[..." costs one step per character and no stack.
 */
export const scanJsonDepth = (json: string, maxDepth: number): Finding | undefined => {
  let depth = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      depth++
      if (depth > maxDepth) {
        return {
          id: "size.json-depth",
          family: "size",
          severity: "high",
          span: [i, i + 1],
          message: `JSON nesting deeper than ${maxDepth} levels (exceeded at offset ${i})`
        }
      }
    } else if (c === 125 || c === 93) depth = Math.max(0, depth - 1)
  }
  return undefined
}
