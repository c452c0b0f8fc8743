// The word features of forEachFeature (features.ts): per word (a run of a-z, 0-9, ' or non-ASCII
// letters, at most 41 code units) its unigram, and its bigram with the previous word or, first in
// a sentence or line, the sentence-initial feature; each CJK/kana character is a word of its own
// (no sentence-initial feature). Each counts in the segment its word starts in.
import { at } from "./segments"

const FNV: u32 = 16777619
const OFFSET: u32 = 0x811c9dc5
const MASK: u32 = (1 << 18) - 1

// ASCII classes: 1 word character, 2 sentence end (. \n ! ? |), 0 other
const WORD: u8 = 1
const STOP: u8 = 2
const IDEO: u8 = 3
const CLASS = memory.data(128)
for (let c: u32 = 0; c < 128; c++) {
  const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 39
  store<u8>(CLASS + c, word ? WORD : c == 46 || c == 10 || c == 33 || c == 63 || c == 124 ? STOP : 0)
}

@inline export function isIdeo(c: u32): bool {
  return c - 0x3040 <= 0x30ff - 0x3040 || c - 0x3400 <= 0x9fff - 0x3400 || c - 0xac00 <= 0xd7af - 0xac00
}

@inline function classOf(c: u32): u8 {
  if (c < 128) return load<u8>(CLASS + c)
  return isIdeo(c) ? IDEO : c == 0x3000 ? 0 : WORD
}

/** Weights of bucket i: first head in the low 16 bits, second in the high (entry = hi * 65536 + lo). */
@inline function entry(w: usize, i: u32): i32 {
  return load<i32>(w + (<usize>i << 2))
}

/** Adds every word feature to the sums (24 bytes per segment: i64 first head, second head, count). */
export function words(text: usize, n: i32, starts: usize, nSeg: i32, w: usize, sums: usize): void {
  let sg = 0
  let next = nSeg > 1 ? load<i32>(starts, 4) : n
  let lo: i64 = 0
  let hi: i64 = 0
  let k: i64 = 0
  let prev: u32 = 0
  let hasPrev = false
  let p = 0
  while (p < n) {
    let c = at(text, p)
    let cl = classOf(c)
    // spaces and punctuation: a loop of their own, with nothing else live
    while (cl == 0 && ++p < n) {
      c = at(text, p)
      cl = classOf(c)
    }
    if (p >= n) break
    if (cl == STOP) {
      hasPrev = false
      p++
      continue
    }
    // the segment this word starts in
    if (p >= next) {
      const s = sums + <usize>sg * 24
      store<i64>(s, load<i64>(s) + lo)
      store<i64>(s, load<i64>(s, 8) + hi, 8)
      store<i64>(s, load<i64>(s, 16) + k, 16)
      lo = 0
      hi = 0
      k = 0
      do {
        sg++
        next = sg + 1 < nSeg ? load<i32>(starts + (<usize>(sg + 1) << 2)) : n
      } while (p >= next)
    }
    let h: u32
    let second: i32
    // the class of the unit after the word, when it is no word character (else 0xff)
    let after: u8 = 0xff
    if (cl == WORD) {
      const start = p
      h = OFFSET
      while (true) {
        h = (h ^ c) * FNV
        p++
        if (p >= n || p - start > 40) break
        c = at(text, p)
        const d = classOf(c)
        if (d != WORD) {
          after = d
          break
        }
      }
      second = entry(w, hasPrev ? (((prev ^ 0x27d4eb2f) * 0x165667b1) ^ h) & MASK : ((h ^ 0x7feb352d) * 0x846ca68b) & MASK)
      k += 2
    } else {
      h = (OFFSET ^ c) * FNV
      p++
      second = hasPrev ? entry(w, (((prev ^ 0x27d4eb2f) * 0x165667b1) ^ h) & MASK) : 0
      k += hasPrev ? 2 : 1
    }
    const first = entry(w, (h ^ 0x5bd1e995) & MASK)
    const a = <i32><i16>first
    const b = <i32><i16>second
    lo += <i64>(a + b)
    hi += <i64>(((first - a) >> 16) + ((second - b) >> 16))
    prev = h
    hasPrev = true
    // a space or punctuation after the word is read here, not by another turn of the loop
    if (after == 0) p++
    else if (after == STOP) {
      hasPrev = false
      p++
    }
  }
  const s = sums + <usize>sg * 24
  store<i64>(s, load<i64>(s) + lo)
  store<i64>(s, load<i64>(s, 8) + hi, 8)
  store<i64>(s, load<i64>(s, 16) + k, 16)
}
