// The hot path of every scan: the n-gram heads' best window, from the int8 weights, computed in
// WebAssembly (assembly/segments.ts, words.ts, ngrams.ts, windows.ts): the same segments as
// segmentStarts and the same features and windows as forEachFeature and windowFeatures
// (features.ts); test/actors/sanitizer/model.test.ts checks it against them. The JS scorer this
// replaces spent ~1.3 ms per 100 KB, the module ~0.6.
import { BUCKETS, MAX_SEGMENTS, MAX_WINDOW_CHARS } from "./features.ts"
import { mem, permanent, scratch, wasm, writeText } from "./wasm.ts"

// the module's own copies of these
if (BUCKETS !== 1 << 18 || MAX_SEGMENTS !== 4 || MAX_WINDOW_CHARS !== 1200) throw new Error("score.ts: features.ts constants out of step with assembly/")

export interface QuantizedHead {
  /** BUCKETS weights; weight = quantized * scale */
  readonly quantized: Int8Array
  readonly scale: number
  readonly bias: number
}

export interface WindowScore {
  readonly logit: number
  readonly start: number
  readonly end: number
}

// Both heads' weights of a bucket in one i32 (second * 65536 + first): one random access serves
// both. Packed into wasm memory once per pair of heads and kept; two slots serve every source of
// the shipped model ([direct], [indirect, direct] and [direct, indirect] each find one of them,
// either way round).
interface Slot {
  a: Int8Array
  b: Int8Array | undefined
  readonly at: number
  used: number
}
const slots: Array<Slot> = []
let clock = 0

/** A table holding both heads' weights, and each head's half of the sums (0 first, 8 second). */
const weightsFor = (a: Int8Array, b: Int8Array | undefined): { at: number; halves: [number, number] } => {
  for (const s of slots) {
    const halves: [number, number] | undefined = s.a === a && (b === undefined || s.b === b) ? [0, 8] : s.b === a && (b === undefined || s.a === b) ? [8, 0] : undefined
    if (halves !== undefined) {
      s.used = ++clock
      return { at: s.at, halves }
    }
  }
  let slot: Slot
  if (slots.length < 2) slots.push((slot = { a, b, at: permanent(4 * BUCKETS), used: 0 }))
  else {
    slot = (slots[0] as Slot).used < (slots[1] as Slot).used ? (slots[0] as Slot) : (slots[1] as Slot)
    slot.a = a
    slot.b = b
  }
  slot.used = ++clock
  const w = mem.i32
  const base = slot.at >> 2
  for (let i = 0; i < BUCKETS; i++) w[base + i] = (b?.[i] ?? 0) * 65536 + (a[i] as number)
  return { at: slot.at, halves: [0, 8] }
}

const align = (n: number): number => (n + 15) & ~15

/** Scores one or two heads in one feature pass; each head's best window of 1..MAX_SEGMENTS segments. */
export const maxWindowLogits = (text: string, heads: ReadonlyArray<QuantizedHead>): Array<WindowScore> => {
  const first = heads[0]
  if (first === undefined) return []
  if (heads.length > 2) throw new Error("maxWindowLogits: at most two heads")
  const weights = weightsFor(first.quantized, heads[1]?.quantized)
  const n = text.length
  // scratch: the text; the segment starts (at most n + 1); the index of each segment's first kept
  // code unit; the kept code units (4 + n + 4); 24 bytes of sums per segment; the hashes of 2048
  // kept units
  const textAt = scratch(align(2 * n) + 2 * align(4 * n + 8) + align(2 * n + 16) + 24 * (n + 1) + 8 * 2048 + 1024)
  writeText(textAt, text)
  const startsAt = textAt + align(2 * n)
  const nSeg = wasm.segments(textAt, n, startsAt)
  const firstOfAt = startsAt + align(4 * nSeg + 4)
  const unitsAt = firstOfAt + align(4 * nSeg + 4)
  const sumsAt = unitsAt + align(2 * n + 16)
  const bufAt = sumsAt + align(24 * nSeg)
  const outAt = bufAt + 8 * 2048 + 64
  mem.u8.fill(0, sumsAt, sumsAt + 24 * nSeg)
  wasm.words(textAt, n, startsAt, nSeg, weights.at, sumsAt)
  wasm.compact(textAt, n, startsAt, nSeg, unitsAt, firstOfAt)
  wasm.ngrams(unitsAt, firstOfAt, nSeg, weights.at, sumsAt, bufAt)
  return heads.map((head, i) => {
    wasm.bestWindow(startsAt, nSeg, n, sumsAt, weights.halves[i] as number, head.bias, head.scale, outAt)
    return { logit: mem.f64[outAt >> 3] as number, start: mem.i32[(outAt >> 2) + 2] as number, end: mem.i32[(outAt >> 2) + 3] as number }
  })
}
