import { describe, expect, it } from "vitest"
import { buildAutomaton, findStarts } from "../../../actors/sanitizer/internal/automaton.ts"
import { SECRET_RULES } from "../../../actors/sanitizer/internal/secrets.ts"
import { rng } from "../../../scripts/lib/datasets.ts"

const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")

// the definition: every position where a RegExp alternation of the literals matches
const reference = (literals: ReadonlyArray<string>, flags: string, text: string): Array<number> => {
  const re = new RegExp(literals.map(escape).join("|"), flags)
  const out: Array<number> = []
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m.index)
    re.lastIndex = m.index + 1
  }
  return out
}

const soup = (rand: () => number, pieces: ReadonlyArray<string>, count: number): string => {
  let s = ""
  for (let j = 0; j < count; j++) s += pieces[Math.floor(rand() * pieces.length)] as string
  return s
}

describe("literal automaton", () => {
  it("case folded, anywhere: the secret rules' opening literals where a /gi alternation finds them", () => {
    const literals = [...new Set(SECRET_RULES.flatMap((r) => [...r.starts, ...(r.needs !== undefined ? [r.needs] : [])]))]
    const automaton = buildAutomaton(literals, { wordStarts: false, caseless: true })
    // the letters whose case mapping leaves ASCII (ſ, ı, K sign, İ) must not fold onto ASCII literals
    const pieces = [...literals, ...literals.map((l) => l.toUpperCase()), ...literals.map((l) => l.slice(1)), "a", "S", "k", "-", ".", "_", " ", "\n", "ſ", "ı", "\u212a", "İ", "é", "你", "😀"]
    const rand = rng(17)
    for (let k = 0; k < 300; k++) {
      const text = soup(rand, pieces, Math.floor(rand() * (k < 200 ? 40 : 400)))
      expect(Array.from(findStarts(text, [automaton])), text).toEqual(reference(literals, "gi", text))
    }
  })

  it("exact case: the same as a /g alternation, overlapping and nested literals included", () => {
    const literals = ["ab", "abc", "bc", "b", "AB", "c d", "--"]
    const automaton = buildAutomaton(literals, { wordStarts: false, caseless: false })
    const rand = rng(19)
    for (let k = 0; k < 500; k++) {
      const text = soup(rand, ["a", "b", "c", "A", "B", " ", "d", "-", "и"], Math.floor(rand() * (k < 400 ? 30 : 600)))
      expect(Array.from(findStarts(text, [automaton])), text).toEqual(reference(literals, "g", text))
    }
  })
})
