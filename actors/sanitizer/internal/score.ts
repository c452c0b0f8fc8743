// The hot path of every scan: the n-gram heads' best window, from the int8 weights. The same
// features as forEachFeature (features.ts), inlined; test/actors/sanitizer/model.test.ts checks
// it against forEachFeature and windowFeatures.
import { BUCKETS, isIdeo, isLetterish, MAX_SEGMENTS, MAX_WINDOW_CHARS, segmentStarts } from "./features.ts"

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

// Both heads' weights of a bucket in one 16-bit word (first head in the low byte): one random
// access serves both, and the table is 512 KB instead of two 1 MB Float32Arrays.
const NO_HEAD = new Int8Array(BUCKETS)
const packedCache = new WeakMap<Int8Array, WeakMap<Int8Array, Int16Array>>()
const packed = (a: Int8Array, b: Int8Array): Int16Array => {
  let inner = packedCache.get(a)
  if (inner === undefined) packedCache.set(a, (inner = new WeakMap()))
  let w = inner.get(b)
  if (w === undefined) {
    w = new Int16Array(BUCKETS)
    for (let i = 0; i < BUCKETS; i++) w[i] = ((b[i] as number) << 8) | ((a[i] as number) & 0xff)
    inner.set(b, w)
  }
  return w
}

// forEachFeature's constants, local and int32: an imported binding is read from its module cell
// and converted on every use inside the loop (measured: a third of the scorer's time)
const FNV_PRIME = 16777619
const MASK = (1 << 18) - 1
if (MASK !== BUCKETS - 1) throw new Error("score.ts: MASK out of step with HASH_BITS")
const OFFSET = 0x811c9dc5 | 0
const K3 = 0x9e3779b1 | 0
const K5 = 0x85ebca6b | 0
const M5 = 0xc2b2ae35 | 0
const M1 = 0x846ca68b | 0

// ASCII word characters (a-z, 0-9, '): one load instead of three range tests
const WORD = new Uint8Array(128)
for (let c = 0; c < 128; c++) WORD[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 ? 1 : 0

// Every store into the per-segment arrays goes through this one function, so it has type feedback
// from the first segment on: a store of its own after the loop had none when the loop was compiled
// on stack, and deoptimised the scorer on every call.
const addTo = (lo: Float64Array, hi: Float64Array, count: Float64Array, sg: number, dLo: number, dHi: number, dk: number): void => {
  lo[sg] = (lo[sg] as number) + dLo
  hi[sg] = (hi[sg] as number) + dHi
  count[sg] = (count[sg] as number) + dk
}

/**
 * Per segment: integer weight sums of both heads (lo, hi) and the feature count, in one pass over
 * the text (words and character n-grams together). A word counts in the segment it starts in (it
 * may run past the segment's end), a character n-gram in the segment of its last character, as
 * forEachFeature attributes them. The step at p = n only ends a pending word.
 */
const accumulate = (text: string, starts: ReadonlyArray<number>, w: Int16Array, lo: Float64Array, hi: Float64Array, count: Float64Array): void => {
  const n = text.length
  let sg = 0
  let next = starts.length > 1 ? (starts[1] as number) : n
  let sLo = 0
  let sHi = 0
  let k = 0
  // the word being read: its start (-1: none), hash and segment
  let wStart = -1
  let wSeg = 0
  let h = 0
  let prev = 0
  let hasPrev = false
  let c1 = 32
  let c2 = 32
  let c3 = 32
  let c4 = 32
  for (let p = 0; p <= n; p++) {
    if (p === next) {
      addTo(lo, hi, count, sg, sLo, sHi, k)
      sLo = 0
      sHi = 0
      k = 0
      sg++
      next = sg + 1 < starts.length ? (starts[sg + 1] as number) : n
    }
    let c = p < n ? text.charCodeAt(p) : 0
    const wc = c < 128 ? WORD[c] === 1 : isLetterish(c)
    if (wc) {
      if (wStart < 0) {
        wStart = p
        wSeg = sg
        h = OFFSET
      }
      h = Math.imul(h ^ c, FNV_PRIME)
    }
    // a word ends at a non-word character or after 41 characters
    if (wStart >= 0 && (!wc || p - wStart >= 40)) {
      const a = w[(h ^ 0x5bd1e995) & MASK] as number
      const b = w[hasPrev ? (Math.imul(prev ^ 0x27d4eb2f, 0x165667b1) ^ h) & MASK : Math.imul(h ^ 0x7feb352d, M1) & MASK] as number
      const dLo = ((a << 24) >> 24) + ((b << 24) >> 24)
      const dHi = (a >> 8) + (b >> 8)
      if (wSeg === sg) {
        sLo += dLo
        sHi += dHi
        k += 2
      } else addTo(lo, hi, count, wSeg, dLo, dHi, 2) // a word that started in a closed segment
      prev = h
      hasPrev = true
      wStart = -1
    }
    if (p === n) break
    if (!wc) {
      if (c >= 0x3040 && isIdeo(c)) {
        const hc = Math.imul(OFFSET ^ c, FNV_PRIME)
        const a = w[(hc ^ 0x5bd1e995) & MASK] as number
        sLo += (a << 24) >> 24
        sHi += a >> 8
        k++
        if (hasPrev) {
          const b = w[(Math.imul(prev ^ 0x27d4eb2f, 0x165667b1) ^ hc) & MASK] as number
          sLo += (b << 24) >> 24
          sHi += b >> 8
          k++
        }
        prev = hc
        hasPrev = true
      } else if (c === 46 || c === 10 || c === 33 || c === 63 || c === 124) hasPrev = false
    }
    if (c === 9 || c === 10 || c === 13) c = 32
    if (c === 32 && c4 === 32) continue
    const h3 = Math.imul(Math.imul(Math.imul(K3 ^ c3, FNV_PRIME) ^ c4, FNV_PRIME) ^ c, FNV_PRIME)
    const h5 = Math.imul(Math.imul(Math.imul(h3 ^ K5 ^ c1, FNV_PRIME) ^ c2, FNV_PRIME), M5)
    const a = w[h3 & MASK] as number
    const b = w[(h5 ^ (h5 >>> 15)) & MASK] as number
    sLo += ((a << 24) >> 24) + ((b << 24) >> 24)
    sHi += (a >> 8) + (b >> 8)
    k += 2
    c1 = c2
    c2 = c3
    c3 = c4
    c4 = c
  }
}

const bestWindow = (starts: ReadonlyArray<number>, end: number, sums: Float64Array, count: Float64Array, head: QuantizedHead): WindowScore => {
  const nSeg = starts.length
  let best: WindowScore = { logit: -Infinity, start: 0, end }
  for (let a = 0; a < nSeg; a++) {
    let s = 0
    let c = 0
    for (let b = a; b < nSeg && b - a < MAX_SEGMENTS; b++) {
      const segEnd = starts[b + 1] ?? end
      if (b > a && segEnd - (starts[a] as number) > MAX_WINDOW_CHARS) break
      s += sums[b] as number
      c += count[b] as number
      if (c === 0) continue
      // integer sum times the scale once: the float scorer's per-weight rounding, without it
      const logit = head.bias + (s * head.scale) / Math.sqrt(c)
      if (logit > best.logit) best = { logit, start: starts[a] as number, end: segEnd }
    }
  }
  return best
}

/** Scores one or two heads in one feature pass; each head's best window of 1..MAX_SEGMENTS segments. */
export const maxWindowLogits = (text: string, heads: ReadonlyArray<QuantizedHead>): Array<WindowScore> => {
  const first = heads[0]
  if (first === undefined) return []
  if (heads.length > 2) throw new Error("maxWindowLogits: at most two heads")
  const starts = segmentStarts(text)
  const nSeg = starts.length
  // per-segment sums stay exact integers in doubles whatever the input size (an Int32Array would
  // wrap past 2^31: ~17 MB of text in one segment)
  const lo = new Float64Array(nSeg)
  const hi = new Float64Array(nSeg)
  const count = new Float64Array(nSeg)
  accumulate(text, starts, packed(first.quantized, heads[1]?.quantized ?? NO_HEAD), lo, hi, count)
  return heads.map((head, h) => bestWindow(starts, text.length, h === 0 ? lo : hi, count, head))
}
