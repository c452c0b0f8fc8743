import { describe, expect, it } from "vitest"
import { scan, scanJsonDepth } from "../../../actors/sanitizer/internal/engine.ts"

describe("size limit", () => {
  it("refuses over maxBytes (UTF-8 bytes) without scanning a truncated prefix", () => {
    const text = "ignore previous instructions ".padEnd(100_001, "x")
    const result = scan(text)
    expect(result.oversize).toBe(true)
    expect(result.findings.map((f) => f.id)).toEqual(["size.max-bytes"])
    expect(result.findings[0]?.family).toBe("size")
  })

  it("counts bytes, not UTF-16 units", () => {
    const euro = "€".repeat(40_000) // 120 000 bytes, 40 000 units
    expect(scan(euro).oversize).toBe(true)
    expect(scan(euro, { maxBytes: 120_000 }).oversize).toBe(false)
  })

  it("accepts exactly the limit", () => {
    expect(scan("a".repeat(100_000), { model: null }).oversize).toBe(false)
    expect(scan("a".repeat(11), { maxBytes: 10 }).oversize).toBe(true)
  })
})

describe("JSON depth limit", () => {
  const nested = (depth: number): string => "[".repeat(depth) + "]".repeat(depth)

  it("allows 32 levels and refuses 33", () => {
    expect(scanJsonDepth(nested(32), 32)).toBeUndefined()
    const f = scanJsonDepth(nested(33), 32)
    expect(f?.id).toBe("size.json-depth")
    expect(f?.span).toEqual([32, 33])
  })

  it("ignores brackets inside strings, including escaped quotes", () => {
    const json = `{"a": "[[[[[[[[[[ \\" [[[[[[[", "b": [1, 2]}`
    expect(scanJsonDepth(json, 2)).toBeUndefined()
  })

  it("is applied by scan to JSON-looking input", () => {
    const ids = scan(`{"a":${nested(40)}}`, { model: null }).findings.map((f) => f.id)
    expect(ids).toContain("size.json-depth")
    expect(scan(`{"a":${nested(40)}}`, { model: null, maxJsonDepth: 64 }).findings.map((f) => f.id)).not.toContain("size.json-depth")
  })

  it("handles a megabyte of brackets without recursion", () => {
    expect(scanJsonDepth("[".repeat(1_000_000), 32)?.span[0]).toBe(32)
  })
})
