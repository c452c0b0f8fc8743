/**
 * A conservative, syntactic check for regexes that can backtrack catastrophically, run on
 * every rule pattern before it is compiled. Rule authors are trusted less than code: a rules
 * file is edited by hand and hot-reloaded into a hot path, so a pattern that stalls on one
 * crafted message would stall the judge for everyone.
 *
 * Rejected:
 * - a group repeated more than once (`*`, `+`, `{n,}`, `{n,m}` with m ≥ 2, `{n}` with n ≥ 2)
 *   whose body itself repeats a variable number of times: `(a+)+`, `(\w*)*`, `(.*a){3}`,
 *   `(?:x\s{0,3})+`. This over-rejects some safe patterns; rewrite them flat, or count
 *   matches with `minCount` instead of `(...){n,}`.
 * - `{n,}` with n > 1000 (each attempt would need that many steps before failing).
 *
 * Not detected (documented limits): overlapping alternatives under a quantifier such as
 * `(a|ab)+`, and polynomial shapes like `.*a.*b` on one very long line. The shipped rules avoid
 * both by using only bounded quantifiers after a literal, and a test runs every shipped
 * pattern over 100 KB adversarial near-misses.
 */

interface Frame {
  /** The group's body contains a variable-count quantifier, directly or in a nested group. */
  repeats: boolean
}

type Last = { readonly kind: "atom" } | { readonly kind: "group"; readonly repeats: boolean } | undefined

interface Quantifier {
  readonly end: number
  readonly min: number
  readonly max: number // Infinity when unbounded
}

const readQuantifier = (source: string, i: number): Quantifier | undefined => {
  const c = source[i]
  let q: Quantifier | undefined
  if (c === "*") q = { end: i + 1, min: 0, max: Infinity }
  else if (c === "+") q = { end: i + 1, min: 1, max: Infinity }
  else if (c === "?") q = { end: i + 1, min: 0, max: 1 }
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24))
    if (m === null) return undefined
    const min = Number(m[1])
    const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3])
    q = { end: i + m[0].length, min, max }
  }
  if (q === undefined) return undefined
  // a lazy or possessive-looking suffix belongs to the quantifier
  return source[q.end] === "?" ? { ...q, end: q.end + 1 } : q
}

/** Skips a character class starting at `[`; returns the index after its `]`. */
const skipClass = (source: string, i: number): number => {
  let j = i + 1
  while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1
  return j + 1
}

/** Skips an escape starting at `\`; returns the index after it. */
const skipEscape = (source: string, i: number): number => {
  const next = source[i + 1]
  if ((next === "u" || next === "p" || next === "P" || next === "k") && (source[i + 2] === "{" || source[i + 2] === "<")) {
    const close = source.indexOf(source[i + 2] === "{" ? "}" : ">", i + 3)
    return close === -1 ? source.length : close + 1
  }
  return i + 2
}

/** Skips `?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>` after `(`; returns the index of the body. */
const skipGroupPrefix = (source: string, i: number): number => {
  if (source[i] !== "?") return i
  if (source[i + 1] === "<" && source[i + 2] !== "=" && source[i + 2] !== "!") {
    const close = source.indexOf(">", i + 2)
    return close === -1 ? source.length : close + 1
  }
  return source[i + 1] === "<" ? i + 3 : i + 2
}

/** Why the pattern's shape is unsafe, or `undefined` when the check passes. */
export const unsafeRegexShape = (source: string): string | undefined => {
  const stack: Array<Frame> = [{ repeats: false }]
  let last: Last
  let i = 0
  while (i < source.length) {
    const c = source[i]!
    const frame = stack[stack.length - 1]!
    if (c === "\\") {
      i = skipEscape(source, i)
      last = { kind: "atom" }
    } else if (c === "[") {
      i = skipClass(source, i)
      last = { kind: "atom" }
    } else if (c === "(") {
      stack.push({ repeats: false })
      i = skipGroupPrefix(source, i + 1)
      last = undefined
    } else if (c === ")") {
      const closed = stack.length > 1 ? stack.pop()! : { repeats: false }
      const parent = stack[stack.length - 1]!
      parent.repeats ||= closed.repeats
      last = { kind: "group", repeats: closed.repeats }
      i += 1
    } else if (c === "*" || c === "+" || c === "?" || c === "{") {
      const q = readQuantifier(source, i)
      if (q === undefined) {
        // a literal `{` (the compile check rejects it under the `u` flag anyway)
        last = { kind: "atom" }
        i += 1
        continue
      }
      const text = source.slice(i, q.end)
      if (q.max === Infinity && q.min > 1000) {
        return `the unbounded quantifier ${text} needs more than 1000 repetitions; use a smaller bound or minCount`
      }
      if (last?.kind === "group" && last.repeats && q.max >= 2) {
        return `a repeated group contains a repeated part (nested quantifier before ${text} at offset ${i}), which can backtrack catastrophically; flatten it, or count matches with minCount`
      }
      if (q.max > q.min) frame.repeats = true
      last = undefined
      i = q.end
    } else {
      last = c === "|" ? undefined : { kind: "atom" }
      i += 1
    }
  }
  return undefined
}
