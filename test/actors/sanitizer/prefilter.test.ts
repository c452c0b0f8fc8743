import { describe, expect, it } from "vitest"
import { RULES } from "../../../actors/sanitizer/internal/detect.ts"
import { normalize } from "../../../actors/sanitizer/internal/normalize.ts"
import { buildPrefilter } from "../../../actors/sanitizer/internal/prefilter.ts"
import { rng } from "../../../scripts/lib/datasets.ts"

const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57)

// the definition, checked position by position
const reference = (triggers: ReadonlyArray<string>, text: string): Array<number> => {
  const out: Array<number> = []
  for (let p = 0; p < text.length; p++) {
    const wordStart = p === 0 || !isWordChar(text.charCodeAt(p - 1))
    if (triggers.some((t) => text.startsWith(t, p) && (wordStart || !isWordChar(t.charCodeAt(0))))) out.push(p)
  }
  return out
}

const TRIGGERS = [...new Set(RULES.flatMap((r) => r.triggers.map((t) => normalize(t).text)))]

const soup = (rand: () => number, pieces: ReadonlyArray<string>, count: number): string => {
  let s = ""
  for (let j = 0; j < count; j++) s += pieces[Math.floor(rand() * pieces.length)] as string
  return s
}

describe("trigger prefilter", () => {
  it("finds exactly the trigger starts of the rule set in random text (ASCII, Cyrillic, CJK, word joins)", () => {
    const prefilter = buildPrefilter(TRIGGERS)
    const pieces = [...TRIGGERS, ...TRIGGERS.map((t) => t.slice(0, Math.ceil(t.length / 2))), ...TRIGGERS.map((t) => t.slice(1)), "a", "x", "_", "0", " ", " ", "\n", "'", "é", "и", "你", "。", "\u200b", "😀", "A"]
    const rand = rng(11)
    for (let k = 0; k < 400; k++) {
      const text = soup(rand, pieces, 1 + Math.floor(rand() * 40))
      expect(Array.from(prefilter.scan(text).starts), text).toEqual(reference(TRIGGERS, text))
    }
  })

  it("handles overlapping, nested and suffix triggers", () => {
    const triggers = ["ab", "abc", "bc", "b", "c d", "<|", "|>", "+ ", " + ", "и", "иa", "你好"]
    const prefilter = buildPrefilter(triggers)
    const rand = rng(5)
    const pieces = ["a", "b", "c", " ", "d", "<", "|", ">", "+", "и", "你", "好", "x"]
    for (let k = 0; k < 2000; k++) {
      const text = soup(rand, pieces, Math.floor(rand() * 30))
      expect(Array.from(prefilter.scan(text).starts), text).toEqual(reference(triggers, text))
    }
  })

  it("works with no non-ASCII triggers and on empty text", () => {
    const prefilter = buildPrefilter(["ignore", "<!--"])
    expect(Array.from(prefilter.scan("").starts)).toEqual([])
    expect(Array.from(prefilter.scan("xignore ignore<!--и ignore").starts)).toEqual([8, 14, 20])
  })

  it("notes every letter/stand-in edge and the first spaced-letter run, as the regexes would", () => {
    const prefilter = buildPrefilter(["zz"])
    const rand = rng(9)
    const pieces = ["a", "b", "z", " ", " ", "  ", "1", "3", "@", "$", "9", "-", "\n", "é", "и", "A", "e x a m p l e", "i g n"]
    for (let k = 0; k < 3000; k++) {
      const text = soup(rand, pieces, Math.floor(rand() * 40))
      const { facts } = prefilter.scan(text)
      const edges = [...text.matchAll(/(?=[a-z][013457@$]|[013457@$][a-z])/g)].map((m) => m.index)
      expect(facts.leetEdges, text).toEqual(edges)
      expect(facts.spacedStart, text).toBe(/(?:[a-z] ){4,400}[a-z]/.exec(text)?.index ?? -1)
    }
  })

  it("finds the same in long text, read as two halves at once, with the triggers at each start and the same facts", () => {
    const prefilter = buildPrefilter(TRIGGERS)
    const pieces = [...TRIGGERS, ...TRIGGERS.map((t) => t.slice(1)), "a", "x", "1", "3", "@", " ", " ", "  ", "\n", "e x a m p l e", "é", "и", "你", "😀", "the quiet ", "A"]
    const rand = rng(13)
    for (let k = 0; k < 60; k++) {
      // lengths around the two-halves threshold and far beyond it
      const text = soup(rand, pieces, 20 + Math.floor(rand() * (k < 30 ? 60 : 600)))
      const { starts, offsets, ids, facts } = prefilter.scan(text)
      expect(Array.from(starts), text).toEqual(reference(TRIGGERS, text))
      // and which triggers start there, by their index
      starts.forEach((p, i) => {
        const wordStart = p === 0 || !isWordChar(text.charCodeAt(p - 1))
        const here = TRIGGERS.flatMap((t, id) => (text.startsWith(t, p) && (wordStart || !isWordChar(t.charCodeAt(0))) ? [id] : []))
        expect(Array.from(ids.subarray(offsets[i] as number, offsets[i + 1] as number)), `${text} @${p}`).toEqual(here)
      })
      expect(facts.leetEdges, text).toEqual([...text.matchAll(/(?=[a-z][013457@$]|[013457@$][a-z])/g)].map((m) => m.index))
      expect(facts.spacedStart, text).toBe(/(?:[a-z] ){4,400}[a-z]/.exec(text)?.index ?? -1)
    }
  })
})
