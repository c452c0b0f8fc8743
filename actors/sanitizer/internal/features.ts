// Hashed n-gram features over normalised text, shared by the scorer and the training script.
// Each feature is attributed to a character position so a long text can be scored per window
// in one pass: block sums of 500 characters, windows of two adjacent blocks.

export const HASH_BITS = 18
export const BUCKETS = 1 << HASH_BITS
const MASK = BUCKETS - 1
export const BLOCK = 500

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 16777619

const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39
// CJK and kana: every character is a word (no spaces in those scripts)
const isIdeo = (c: number): boolean => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)
const isLetterish = (c: number): boolean => c > 0x7f && !isIdeo(c) && c !== 0x3000

/**
 * Calls `emit(bucket, position)` for every feature of `text`: word unigrams and bigrams, and
 * character 3- and 5-grams (with spaces collapsed) . Linear in text length.
 */
export const forEachFeature = (text: string, emit: (bucket: number, pos: number) => void): void => {
  const n = text.length
  // words
  let prev = 0
  let hasPrev = false
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (isWordCode(c) || isLetterish(c)) {
      const start = i
      let h = FNV_OFFSET
      while (i < n) {
        const d = text.charCodeAt(i)
        if (!(isWordCode(d) || isLetterish(d))) break
        h = Math.imul(h ^ d, FNV_PRIME)
        i++
        if (i - start > 40) break
      }
      emit((h ^ 0x5bd1e995) & MASK, start)
      if (hasPrev) emit((Math.imul(prev ^ 0x27d4eb2f, 0x165667b1) ^ h) & MASK, start)
      prev = h
      hasPrev = true
    } else if (isIdeo(c)) {
      const h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME)
      emit((h ^ 0x5bd1e995) & MASK, i)
      if (hasPrev) emit((Math.imul(prev ^ 0x27d4eb2f, 0x165667b1) ^ h) & MASK, i)
      prev = h
      hasPrev = true
      i++
    } else {
      // punctuation is a boundary but a sentence end also breaks bigrams
      if (c === 46 || c === 10 || c === 33 || c === 63 || c === 124) hasPrev = false
      i++
    }
  }
  // character 3- and 5-grams over a space-collapsed view, tracked with a small ring of codes
  let c1 = 32
  let c2 = 32
  let c3 = 32
  let c4 = 32
  for (let k = 0; k < n; k++) {
    let c = text.charCodeAt(k)
    if (c === 9 || c === 10 || c === 13) c = 32
    if (c === 32 && c4 === 32) continue
    const h3 = Math.imul(Math.imul(Math.imul(0x9e3779b1 ^ c3, FNV_PRIME) ^ c4, FNV_PRIME) ^ c, FNV_PRIME)
    emit(h3 & MASK, k)
    const h5 = Math.imul(Math.imul(Math.imul(h3 ^ 0x85ebca6b ^ c1, FNV_PRIME) ^ c2, FNV_PRIME), 0xc2b2ae35)
    emit((h5 ^ (h5 >>> 15)) & MASK, k)
    c1 = c2
    c2 = c3
    c3 = c4
    c4 = c
  }
}

export interface LinearHead {
  readonly weights: Float32Array
  readonly bias: number
}

/**
 * Scores every head over windows of two adjacent blocks (one feature pass for all heads); each
 * window's logit is bias + sum(weights) / sqrt(feature count). Returns the best window per head.
 */
export const maxWindowLogits = (text: string, heads: ReadonlyArray<LinearHead>): Array<{ logit: number; window: number }> => {
  const blocks = Math.max(1, Math.ceil(text.length / BLOCK))
  const k = heads.length
  const sums = new Float64Array(blocks * k)
  const counts = new Float64Array(blocks)
  const w0 = heads[0]?.weights ?? new Float32Array(BUCKETS)
  const w1 = heads[1]?.weights
  forEachFeature(text, (bucket, pos) => {
    const b = (pos / BLOCK) | 0
    counts[b] = (counts[b] as number) + 1
    sums[b * k] = (sums[b * k] as number) + (w0[bucket] as number)
    if (w1 !== undefined) sums[b * k + 1] = (sums[b * k + 1] as number) + (w1[bucket] as number)
  })
  const windows = Math.max(1, blocks - 1)
  return heads.map((head, h) => {
    let best = -Infinity
    let bestWindow = 0
    for (let w = 0; w < windows; w++) {
      const s = (sums[w * k + h] as number) + (blocks > 1 ? (sums[(w + 1) * k + h] as number) : 0)
      const c = (counts[w] as number) + (blocks > 1 ? (counts[w + 1] as number) : 0)
      const logit = head.bias + (c > 0 ? s / Math.sqrt(c) : 0)
      if (logit > best) {
        best = logit
        bestWindow = w
      }
    }
    return { logit: best, window: bestWindow }
  })
}
