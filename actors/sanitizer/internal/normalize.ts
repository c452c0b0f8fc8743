// Normalisation for matching: every detector runs on this output, never on the raw text, so that
// invisible characters, look-alike letters and compatibility forms cannot split or disguise a
// pattern. The output is lower-case, accent-free (NFKD minus combining marks, which is NFKC plus
// diacritic folding) and confusable-folded; `map` points each output unit back into the input.

export type Span = readonly [number, number]

export interface Normalized {
  readonly text: string
  /** output index -> input index (length text.length + 1); undefined means identity */
  readonly map: Int32Array | undefined
  readonly zeroWidth: ReadonlyArray<Span>
  readonly bidi: ReadonlyArray<Span>
  /** runs of Unicode tag characters and the ASCII they decode to */
  readonly tags: ReadonlyArray<{ readonly span: Span; readonly decoded: string }>
  /** runs of more than two stacked combining marks */
  readonly combining: ReadonlyArray<Span>
  readonly nul: ReadonlyArray<Span>
}

// Cyrillic and Greek letters that render like Latin ones (after lower-casing), plus a few Latin
// oddities NFKD leaves alone. Not the whole Unicode confusables table: the letters attackers use.
const CONFUSABLES: Record<string, string> = {
  "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
  "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q",
  "ԝ": "w", "ɡ": "g", "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": "\"", "\u201d": "\"", "\u2032": "'", "ɑ": "a", "ı": "i", "ȷ": "j", "ꞵ": "b", "ß": "ss",
  "α": "a", "β": "b", "γ": "y", "ε": "e", "ζ": "z", "η": "n", "ι": "i", "κ": "k", "μ": "m", "ν": "v",
  "ο": "o", "ρ": "p", "ς": "s", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j"
}

const MARK = /^\p{M}$/u
// Accents and optional vowel points: folded away for matching. Other marks are letters of their
// script (Devanagari, Bengali, Tamil, Thai... vowel signs) and stay, or those words would be lost.
const DIACRITIC = /^[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$/u
const SPACE = /^\s$/u
// "" = drop (an accent), otherwise the folded replacement.
const foldCache = new Map<number, string>()

const foldCodePoint = (cp: number): string => {
  const cached = foldCache.get(cp)
  if (cached !== undefined) return cached
  const ch = String.fromCodePoint(cp)
  let out = ""
  // compatibility forms folded (NFKC), then accents stripped from the canonical decomposition
  // and the rest recomposed: "é" -> "e", "ﬁ" -> "fi", but a Hangul syllable stays one syllable
  for (const c of ch.normalize("NFKC").normalize("NFD").toLowerCase()) {
    if (DIACRITIC.test(c)) continue
    out += CONFUSABLES[c] ?? (SPACE.test(c) ? " " : c)
  }
  out = out.normalize("NFC")
  if (foldCache.size < 65_536) foldCache.set(cp, out)
  return out
}

const isZeroWidth = (cp: number): boolean =>
  (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || cp === 0x180e || cp === 0x00ad
const isBidi = (cp: number): boolean => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f
const isTag = (cp: number): boolean => cp >= 0xe0000 && cp <= 0xe007f

const EMOJI = /\p{Extended_Pictographic}|\uFE0F|\p{Emoji_Modifier}/u
const NON_LATIN_LETTER = /[\u0600-\u06ff\u0750-\u077f\u0900-\u0dff\ufb50-\ufdff]/
const legitimateInvisible = (input: string, i: number, cp: number): boolean => {
  if (cp === 0xfeff && i === 0) return true
  if (cp !== 0x200d && cp !== 0x200c) return false
  const before = String.fromCodePoint(input.codePointAt(i > 1 && /[\udc00-\udfff]/.test(input[i - 1] as string) ? i - 2 : i - 1) ?? 32)
  const after = String.fromCodePoint(input.codePointAt(i + 1) ?? 32)
  if (cp === 0x200d) return EMOJI.test(before) && EMOJI.test(after)
  if (cp === 0x200c) return NON_LATIN_LETTER.test(before) && NON_LATIN_LETTER.test(after)
  return false
}

// Per BMP code unit, learnt on first sight: 1 = normalises to itself (copied in runs, as slices),
// 2 = a combining mark, 3 = anything else (the careful path below).
const KIND = new Uint8Array(0x10000)
const kindOf = (cp: number): number => {
  let k = KIND[cp] as number
  if (k === 0) {
    const ch = String.fromCharCode(cp)
    const plain = cp !== 0 && !isZeroWidth(cp) && !isBidi(cp) && !(cp >= 0xd800 && cp <= 0xdfff)
    k = MARK.test(ch) ? 2 : plain && foldCodePoint(cp) === ch ? 1 : 3
    KIND[cp] = k
  }
  return k
}

// Printable ASCII plus tab/newline/CR: lower-casing is the whole normalisation.
const NEEDS_SLOW_PATH = /[^\t\n\r\x20-\x7e]/

const pushSpan = (spans: Array<[number, number]>, start: number, end: number): void => {
  const last = spans[spans.length - 1]
  if (last !== undefined && last[1] === start) last[1] = end
  else spans.push([start, end])
}

export const normalize = (input: string): Normalized => {
  if (!NEEDS_SLOW_PATH.test(input)) {
    return { text: input.toLowerCase(), map: undefined, zeroWidth: [], bidi: [], tags: [], combining: [], nul: [] }
  }
  let out = ""
  let map = new Int32Array(input.length + 16)
  let n = 0
  const emit = (s: string, at: number): void => {
    if (n + s.length + 1 > map.length) {
      const bigger = new Int32Array(map.length * 2 + s.length)
      bigger.set(map)
      map = bigger
    }
    for (let k = 0; k < s.length; k++) map[n++] = at
    out += s
  }
  const zeroWidth: Array<[number, number]> = []
  const bidi: Array<[number, number]> = []
  const nul: Array<[number, number]> = []
  const tags: Array<{ span: [number, number]; decoded: string }> = []
  const combining: Array<[number, number]> = []
  let markRunStart = -1
  let markRunCount = 0
  const closeMarkRun = (end: number): void => {
    if (markRunCount > 2) combining.push([markRunStart, end])
    markRunStart = -1
    markRunCount = 0
  }
  let inTags = false
  // a run of characters that normalise to themselves, emitted at once
  let runStart = -1
  const flush = (end: number): void => {
    if (runStart < 0) return
    const len = end - runStart
    if (n + len + 1 > map.length) {
      const bigger = new Int32Array(map.length * 2 + len)
      bigger.set(map)
      map = bigger
    }
    for (let k = 0; k < len; k++) map[n + k] = runStart + k
    n += len
    out += input.slice(runStart, end)
    runStart = -1
  }
  for (let i = 0; i < input.length;) {
    const cp = input.codePointAt(i) as number
    if (cp < 0x10000 && !inTags && kindOf(cp) === 1) {
      if (markRunStart >= 0) closeMarkRun(i)
      if (runStart < 0) runStart = i
      i++
      continue
    }
    flush(i)
    const w = cp > 0xffff ? 2 : 1
    // hidden tag text is a separate run of words: keep it from gluing onto visible words
    if (inTags !== isTag(cp) && !isZeroWidth(cp) && !isBidi(cp)) {
      inTags = !inTags
      emit(" ", i)
    }
    if (cp < 0x80) {
      closeMarkRun(i)
      if (cp === 0) pushSpan(nul, i, i + 1)
      emit(cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : input[i] as string, i)
    } else if (isZeroWidth(cp)) {
      // removed for matching either way; flagged unless it is ordinary text: a ZWJ inside an
      // emoji sequence, a ZWNJ in Persian/Indic script, a byte-order mark at the start
      if (!legitimateInvisible(input, i, cp)) pushSpan(zeroWidth, i, i + w)
    } else if (isBidi(cp)) {
      pushSpan(bidi, i, i + w)
    } else if (isTag(cp)) {
      // ASCII smuggling: tag characters mirror ASCII 0x20-0x7e invisibly. Decode them in place so
      // the hidden text is matched like any other text, and remember it for the finding.
      const ascii = cp >= 0xe0020 && cp <= 0xe007e ? String.fromCharCode(cp - 0xe0000) : ""
      const last = tags[tags.length - 1]
      if (last !== undefined && last.span[1] === i) {
        last.span[1] = i + w
        last.decoded += ascii
      } else tags.push({ span: [i, i + w], decoded: ascii })
      if (ascii !== "") emit(ascii.toLowerCase(), i)
    } else {
      const folded = foldCodePoint(cp)
      if (cp < 0x10000 ? kindOf(cp) === 2 : MARK.test(String.fromCodePoint(cp))) {
        // every mark counts towards a stacked run; accents are dropped, script vowel signs kept
        if (markRunStart < 0) markRunStart = i
        markRunCount++
        if (folded !== "") emit(folded, i)
      } else {
        closeMarkRun(i)
        emit(folded, i)
      }
    }
    i += w
  }
  flush(input.length)
  closeMarkRun(input.length)
  if (n + 1 > map.length) {
    const bigger = new Int32Array(n + 1)
    bigger.set(map.subarray(0, n))
    map = bigger
  }
  map[n] = input.length
  return { text: out, map: map.subarray(0, n + 1), zeroWidth, bidi, tags, combining, nul }
}

/** Maps a span of the normalised text back onto the input. */
export const toOriginal = (norm: Normalized, start: number, end: number): Span => {
  const map = norm.map
  if (map === undefined) return [start, end]
  const s = map[Math.min(start, map.length - 1)] ?? 0
  // end is exclusive: the input position just after the last matched unit
  const lastIn = end > start ? (map[Math.min(end - 1, map.length - 1)] ?? s) : s
  const next = map[Math.min(end, map.length - 1)] ?? lastIn + 1
  return [s, Math.max(next, lastIn + 1, s)]
}
