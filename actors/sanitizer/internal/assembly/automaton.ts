// An Aho-Corasick automaton's pass over UTF-16 text (../automaton.ts builds the tables). Reading a
// character is one table load that depends on the previous one, so a long text is read as two
// halves at once, the second from a little before the middle (no match across the middle is
// lost): two independent chains of loads instead of one twice as long.
//
// Tables: `sym` u16[256]: (code << 1 | word start) -> symbol * 4, for ASCII; `wide` u16[65536]
// the same for other code units (0: the automaton has none); `next` i32[states * symbols]: the
// address of the next state's row, bit-inverted when literals end there; `ends` u32[states]:
// (offset << 8 | count) of those literals in `entries`, u32s (id << 8 | length).
//
// Each match is a node (id, next) in a list per start position (`heads`: an i32 per position,
// valid where `mark`, a byte per position, is set; node 0 is never used), so that `collect` can
// give each start's literals in order without sorting all matches: a start has only a few.

// 1 for [a-z0-9] by ASCII code: the word characters of word starts
const WORD = memory.data(128)
for (let c = 0; c < 128; c++) store<u8>(WORD + c, (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? 1 : 0)

@inline function at(text: usize, i: i32): u32 {
  return <u32>load<u16>(text + (<usize>i << 1))
}

@inline function isWord(c: u32): u32 {
  return c < 128 ? <u32>load<u8>(WORD + c) : 0
}

/** Adds a node for every literal ending at p (s: the row of the state entered); returns the node count. */
@inline function hits(s: i32, p: i32, next: usize, rowBytes: i32, ends: usize, entries: usize, mark: usize, heads: usize, nodes: usize, count: i32): i32 {
  const e = load<u32>(ends + (<usize>((s - <i32>next) / rowBytes) << 2))
  const list = entries + (<usize>(e >> 8) << 2)
  for (let i: u32 = 0; i < (e & 0xff); i++) {
    const entry = load<u32>(list + (<usize>i << 2))
    const start = p + 1 - <i32>(entry & 0xff)
    const head = heads + (<usize>start << 2)
    // the list of a position not yet marked starts empty (heads are not zeroed: 4 bytes a position)
    if (load<u8>(mark + <usize>start) == 0) {
      store<u8>(mark + <usize>start, 1)
      store<i32>(head, 0)
    }
    count++
    store<i32>(nodes + (<usize>count << 3), <i32>(entry >> 8))
    store<i32>(nodes + (<usize>count << 3), load<i32>(head), 4)
    store<i32>(head, count)
  }
  return count
}

/**
 * Runs the automaton over L code units from 0 and L from q, adding a node per match from node
 * `count` on; returns the new count.
 */
export function scan(text: usize, q: i32, L: i32, sym: usize, wide: usize, next: usize, rowBytes: i32, ends: usize, entries: usize, mark: usize, heads: usize, nodes: usize, count: i32): i32 {
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
        count = hits(sA, i, next, rowBytes, ends, entries, mark, heads, nodes, count)
      }
      if (sB < 0) {
        sB = ~sB
        count = hits(sB, q + i, next, rowBytes, ends, entries, mark, heads, nodes, count)
      }
    }
  }
  return count
}

/**
 * For each position with matches, ascending: the position at `starts` (i32s), where its literal
 * ids begin in `ids` at `offsets` (i32s, one more at the end), and the ids, ascending and each
 * once (the two halves both find the literals where they overlap). Returns the count of starts.
 */
export function collect(mark: usize, heads: usize, n: i32, nodes: usize, starts: usize, offsets: usize, ids: usize): i32 {
  let count = 0
  let o = ids
  for (let i = 0; i < n; i += 16) {
    let bits = i8x16.bitmask(i8x16.ne(v128.load(mark + <usize>i), i8x16.splat(0)))
    while (bits != 0) {
      const p = i + ctz(bits)
      bits &= bits - 1
      store<i32>(starts + (<usize>count << 2), p)
      store<i32>(offsets + (<usize>count << 2), <i32>((o - ids) >> 2))
      count++
      // insertion into the sorted run of this start's ids, dropping repeats
      const from = o
      for (let k = load<i32>(heads + (<usize>p << 2)); k != 0; k = load<i32>(nodes + (<usize>k << 3), 4)) {
        const id = load<i32>(nodes + (<usize>k << 3))
        let at = o
        while (at > from && load<i32>(at - 4) > id) at -= 4
        if (at > from && load<i32>(at - 4) == id) continue
        memory.copy(at + 4, at, o - at)
        store<i32>(at, id)
        o += 4
      }
    }
  }
  store<i32>(offsets + (<usize>count << 2), <i32>((o - ids) >> 2))
  return count
}
