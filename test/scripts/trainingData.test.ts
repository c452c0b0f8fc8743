// The training data the detector is built from: hand-written files that parse and keep their
// shape, and the filter that keeps evaluation text out of training.
import { describe, expect, it } from "vitest"
import { cyberSecEval } from "../../scripts/lib/datasets.ts"
import { evaluationFilter, N_GRAM } from "../../scripts/lib/decontaminate.ts"
import { handwritten } from "../../scripts/lib/handwritten.ts"

describe("hand-written training data", () => {
  const hw = handwritten(5)

  it("loads every file, in all four groups, with a fold per item", () => {
    expect(hw.direct.length).toBeGreaterThan(1000)
    expect(hw.requests.length).toBeGreaterThan(1000)
    expect(hw.inData.length).toBeGreaterThan(500)
    expect(hw.data.length).toBeGreaterThan(500)
    for (const group of [hw.direct, hw.requests, hw.inData, hw.data]) {
      for (const it of group) {
        expect(it.text.trim()).not.toBe("")
        expect(it.lang).toMatch(/^(?:[a-z]{2}|mixed)$/)
        expect(it.fold).toBeGreaterThanOrEqual(0)
        expect(it.fold).toBeLessThan(5)
      }
    }
  })

  it("assigns folds from the text alone, so they do not move when files are reordered", () => {
    const again = handwritten(5)
    expect(again.direct.map((it) => it.fold)).toEqual(hw.direct.map((it) => it.fold))
    const folds = new Set(hw.requests.map((it) => it.fold))
    expect(folds.size).toBe(5)
  })
})

describe("decontamination", () => {
  const filter = evaluationFilter()

  it(`drops text sharing a run of ${N_GRAM} words with an evaluation case, and keeps other text`, () => {
    const long = cyberSecEval().map((c) => c.user_input).find((t) => t.split(/\s+/).length >= N_GRAM + 4)
    expect(long).toBeDefined()
    const words = (long as string).split(/\s+/)
    expect(filter.overlaps(`Some words of mine, then ${words.slice(2, 2 + N_GRAM + 1).join(" ")} and more.`)).toBe(true)
    expect(filter.overlaps("Please summarise the quarterly report for the board before Friday afternoon's meeting.")).toBe(false)
  })

  it("ignores case, accents and punctuation when comparing", () => {
    const long = cyberSecEval().map((c) => c.user_input).find((t) => /^[\x20-\x7e]+$/.test(t) && t.split(/\s+/).length >= N_GRAM + 4) as string
    const words = long.split(/\s+/).slice(0, N_GRAM + 2)
    expect(filter.overlaps(words.join("  ,  ").toUpperCase())).toBe(true)
  })
})
