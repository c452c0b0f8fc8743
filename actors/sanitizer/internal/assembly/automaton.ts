// An Aho-Corasick automaton's pass over UTF-16 text (../automaton.ts builds the tables). Reading a
// character is one table load that depends on the previous one, so a long text is read as two
// halves at once, the second from a little before the middle (no match across the middle is
// lost): two independent chains of loads instead of one twice as long.
//
// Tables: `sym` u16[256]: (code << 1 | word start) -> symbol * 4, for ASCII; `wide` u16[65536]
// the same for other code units (0: the automaton has none); `next` i32[states * symbols]: the
// address of the next state's row, bit-inverted when triggers end there; `ends` u32[states]:
// (offset << 8 | count) of those triggers' lengths (u8) in `lengths`.

// 1 for [a-z0-9] by ASCII code: the word characters of word starts
const WORD = memory.data(128)
for (let c = 0; c < 128; c++) store<u8>(WORD + c, (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? 1 : 0)

@inline function at(text: usize, i: i32): u32 {
  return <u32>load<u16>(text + (<usize>i << 1))
}

@inline function isWord(c: u32): u32 {
  return c < 128 ? <u32>load<u8>(WORD + c) : 0
}

/** Marks in `mark` the start of every trigger ending at p (s: the row of the state entered). */
@inline function hits(s: i32, p: i32, next: usize, rowBytes: i32, ends: usize, lengths: usize, mark: usize): void {
  const e = load<u32>(ends + (<usize>((s - <i32>next) / rowBytes) << 2))
  const list = lengths + <usize>(e >> 8)
  for (let i: u32 = 0; i < (e & 0xff); i++) store<u8>(mark + <usize>(p + 1 - <i32>load<u8>(list + i)), 1)
}

/** Runs the automaton over L code units from 0 and L from q, marking trigger starts in `mark`. */
export function scan(text: usize, q: i32, L: i32, sym: usize, wide: usize, next: usize, rowBytes: i32, ends: usize, lengths: usize, mark: usize): void {
  let sA = <i32>next
  let sB = <i32>next
  let pwA: u32 = 0
  // the second half starts mid-text: whether a word starts there depends on the unit before
  let pwB: u32 = q > 0 ? isWord(at(text, q - 1)) : 0
  for (let i = 0; i < L; i++) {
    const c = at(text, i)
    const d = at(text, q + i)
    let y: u32 = 0
    let z: u32 = 0
    if (c < 128) {
      const w = <u32>load<u8>(WORD + c)
      y = <u32>load<u16>(sym + (<usize>((c << 1) | (w & ~pwA)) << 1))
      pwA = w
    } else {
      if (wide != 0) y = <u32>load<u16>(wide + (<usize>c << 1))
      pwA = 0
    }
    if (d < 128) {
      const w = <u32>load<u8>(WORD + d)
      z = <u32>load<u16>(sym + (<usize>((d << 1) | (w & ~pwB)) << 1))
      pwB = w
    } else {
      if (wide != 0) z = <u32>load<u16>(wide + (<usize>d << 1))
      pwB = 0
    }
    sA = load<i32>(<usize>(sA + y))
    sB = load<i32>(<usize>(sB + z))
    if ((sA | sB) < 0) {
      if (sA < 0) {
        sA = ~sA
        hits(sA, i, next, rowBytes, ends, lengths, mark)
      }
      if (sB < 0) {
        sB = ~sB
        hits(sB, q + i, next, rowBytes, ends, lengths, mark)
      }
    }
  }
}

/** Writes the marked positions of `mark` [0, n) as ascending i32s at `out`; returns their count. */
export function collect(mark: usize, n: i32, out: usize): i32 {
  let o = out
  let i = 0
  for (; i + 16 <= n; i += 16) {
    let bits = i8x16.bitmask(i8x16.ne(v128.load(mark + <usize>i), i8x16.splat(0)))
    while (bits != 0) {
      store<i32>(o, i + ctz(bits))
      o += 4
      bits &= bits - 1
    }
  }
  for (; i < n; i++) {
    if (load<u8>(mark + <usize>i) != 0) {
      store<i32>(o, i)
      o += 4
    }
  }
  return <i32>((o - out) >> 2)
}
