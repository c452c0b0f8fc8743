// The shipped gloss dictionary is the hand-written one minus the forms English uses; it must be
// rebuilt (node scripts/build-gloss.ts) whenever either changes.
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { buildGlossDictionary, SHIPPED } from "../../scripts/lib/glossDictionary.ts"

describe("gloss dictionary", () => {
  const built = buildGlossDictionary()

  it("the shipped file is what the build makes of the hand-written source", () => {
    expect(JSON.parse(readFileSync(SHIPPED, "utf8"))).toEqual(built.dictionary)
  })

  it("drops forms that are English words, keeps the other languages' words", () => {
    expect(built.dropped).toEqual(expect.arrayContaining(["ms:had", "de:system"]))
    expect(built.dictionary["ignore"]?.["ko"]?.length ?? 0).toBeGreaterThan(0)
    expect(built.dictionary["password"]?.["ru"]).toEqual(expect.arrayContaining(["парол*"]))
    for (const byLang of Object.values(built.dictionary)) for (const forms of Object.values(byLang)) expect(forms).not.toContain("most")
  })
})
