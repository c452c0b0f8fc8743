// Hashed n-gram features over normalised text, shared by the scorer and the training script.
// Each feature is attributed to a character position so a long text can be scored per window
// (short runs of sentences or lines) in one pass.

export const HASH_BITS = 18
export const BUCKETS = 1 << HASH_BITS
export const MASK = BUCKETS - 1

export const FNV_OFFSET = 0x811c9dc5
export const FNV_PRIME = 16777619

export const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39
// CJK and kana: every character is a word (no spaces in those scripts)
export const isIdeo = (c: number): boolean => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)
export const isLetterish = (c: number): boolean => c > 0x7f && !isIdeo(c) && c !== 0x3000

/**
 * Calls `emit(bucket, position)` for every feature of `text`: word unigrams and bigrams, the
 * sentence-initial word, and character 3- and 5-grams (spaces collapsed). Linear in text length.
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
      // the first word of a sentence or line: imperatives ("write", "ignore", "include") live here
      else emit(Math.imul(h ^ 0x7feb352d, 0x846ca68b) & MASK, start)
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

/** Windows are runs of 1..MAX_SEGMENTS consecutive segments of at most MAX_WINDOW_CHARS. */
export const MAX_SEGMENTS = 4
export const MAX_WINDOW_CHARS = 1200
const MAX_SEGMENT_CHARS = 300

/**
 * Segment boundaries: line breaks, sentence ends ([.!?;] then a space) and, in long runs, the
 * first space after MAX_SEGMENT_CHARS. An instruction injected into data is usually its own
 * sentence or line, so scoring short runs of segments keeps it from being drowned by the rest.
 */
const BOUNDARY = /\n|[.!?;] |[\u3002\uff01\uff1f]/g
const CONTENT = /[^\n \t\r]/g

export const segmentStarts = (text: string): Array<number> => {
  const n = text.length
  const starts = [0]
  let segStart = 0
  // first non-blank position at or after segStart (a blank segment merges into the next one)
  let nextContent = -1
  let nextSpace = -1
  const contentBefore = (cut: number): boolean => {
    if (nextContent < segStart) {
      CONTENT.lastIndex = segStart
      const m = CONTENT.exec(text)
      nextContent = m === null ? n : m.index
    }
    return nextContent < cut
  }
  const cutAt = (cut: number): void => {
    if (cut > segStart && cut < n && contentBefore(cut)) {
      starts.push(cut)
      segStart = cut
    }
  }
  BOUNDARY.lastIndex = 0
  for (;;) {
    const m = BOUNDARY.exec(text)
    const boundary = m === null ? n : m.index + m[0].length
    // long runs without a boundary are cut at the first space after MAX_SEGMENT_CHARS
    for (;;) {
      // memoised: a blank run never moves segStart, and must not rescan to the end each time
      if (nextSpace !== n && nextSpace < segStart + MAX_SEGMENT_CHARS) {
        const found = text.indexOf(" ", segStart + MAX_SEGMENT_CHARS)
        nextSpace = found < 0 ? n : found
      }
      const sp = nextSpace
      if (sp >= n || sp + 1 >= boundary) break
      const before = segStart
      cutAt(sp + 1)
      if (segStart === before) break
    }
    if (m === null) break
    cutAt(boundary)
  }
  return starts
}

/** Feature lists of every window, for training (same windows as maxWindowLogits). */
export const windowFeatures = (text: string): Array<{ start: number; end: number; features: Int32Array }> => {
  const starts = segmentStarts(text)
  const perSeg: Array<Array<number>> = starts.map(() => [])
  let seg = 0
  let lastPos = -1
  forEachFeature(text, (bucket, pos) => {
    if (pos < lastPos) seg = 0
    lastPos = pos
    while (seg + 1 < starts.length && (starts[seg + 1] as number) <= pos) seg++
    ;(perSeg[seg] as Array<number>).push(bucket)
  })
  const out: Array<{ start: number; end: number; features: Int32Array }> = []
  for (let a = 0; a < starts.length; a++) {
    const acc: Array<number> = []
    for (let b = a; b < starts.length && b - a < MAX_SEGMENTS; b++) {
      const segEnd = starts[b + 1] ?? text.length
      if (b > a && segEnd - (starts[a] as number) > MAX_WINDOW_CHARS) break
      acc.push(...(perSeg[b] as Array<number>))
      if (acc.length > 0) out.push({ start: starts[a] as number, end: segEnd, features: Int32Array.from(acc) })
    }
  }
  return out
}
