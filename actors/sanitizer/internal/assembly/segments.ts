// segmentStarts (features.ts), step for step, on UTF-16 code units in linear memory: line breaks,
// sentence ends ([.!?;] then a space, or an ideographic full stop, exclamation or question mark)
// and, in long runs, the first space after MAX_SEGMENT_CHARS; a blank segment merges into the
// next one. The model tests compare it with segmentStarts on random text.

const MAX_SEGMENT_CHARS: i32 = 300

@inline export function at(text: usize, i: i32): u32 {
  return <u32>load<u16>(text + (<usize>i << 1))
}

@inline function isBlank(c: u32): bool {
  return c == 10 || c == 32 || c == 9 || c == 13
}

// the code units that may end a segment, splatted; read from memory on entry (as literals V8
// would rematerialise them in every iteration)
const ENDS = memory.data(8 * 16, 16)
v128.store(ENDS, i16x8.splat(10))
v128.store(ENDS + 16, i16x8.splat(46))
v128.store(ENDS + 32, i16x8.splat(33))
v128.store(ENDS + 48, i16x8.splat(63))
v128.store(ENDS + 64, i16x8.splat(59))
v128.store(ENDS + 80, i16x8.splat(0x3002))
v128.store(ENDS + 96, i16x8.splat(<i16>0xff01))
v128.store(ENDS + 112, i16x8.splat(<i16>0xff1f))

/** The end of the first boundary match starting at or after `from`, or -1. */
function boundaryAfter(text: usize, n: i32, from: i32): i32 {
  const e0 = v128.load(ENDS)
  const e1 = v128.load(ENDS, 16)
  const e2 = v128.load(ENDS, 32)
  const e3 = v128.load(ENDS, 48)
  const e4 = v128.load(ENDS, 64)
  const e5 = v128.load(ENDS, 80)
  const e6 = v128.load(ENDS, 96)
  const e7 = v128.load(ENDS, 112)
  let i = from
  // eight code units at a time: most blocks hold no candidate at all
  for (; i + 8 <= n; i += 8) {
    const v = v128.load(text + (<usize>i << 1))
    const hit = v128.or(
      v128.or(v128.or(i16x8.eq(v, e0), i16x8.eq(v, e1)), v128.or(i16x8.eq(v, e2), i16x8.eq(v, e3))),
      v128.or(v128.or(i16x8.eq(v, e4), i16x8.eq(v, e5)), v128.or(i16x8.eq(v, e6), i16x8.eq(v, e7)))
    )
    let bits = i16x8.bitmask(hit)
    while (bits != 0) {
      const j = i + ctz(bits)
      const c = at(text, j)
      if (c == 10 || c > 0x7f) return j + 1
      if (j + 1 < n && at(text, j + 1) == 32) return j + 2
      bits &= bits - 1
    }
  }
  for (; i < n; i++) {
    const c = at(text, i)
    if (c == 10 || c == 0x3002 || c == 0xff01 || c == 0xff1f) return i + 1
    if ((c == 46 || c == 33 || c == 63 || c == 59) && i + 1 < n && at(text, i + 1) == 32) return i + 2
  }
  return -1
}

/** Writes the segment starts as i32s at `starts` (at most n + 1 of them); returns their count. */
export function segments(text: usize, n: i32, starts: usize): i32 {
  store<i32>(starts, 0)
  let count = 1
  let segStart = 0
  // first non-blank position at or after segStart, and the first space after segStart + 300:
  // both memoised, so a long blank run or a long run without spaces is read once
  let nextContent = -1
  let nextSpace = -1
  let from = 0
  while (true) {
    const m = boundaryAfter(text, n, from)
    const boundary = m < 0 ? n : m
    from = m
    while (true) {
      if (nextSpace != n && nextSpace < segStart + MAX_SEGMENT_CHARS) {
        let i = segStart + MAX_SEGMENT_CHARS
        while (i < n && at(text, i) != 32) i++
        nextSpace = i < n ? i : n
      }
      if (nextSpace >= n || nextSpace + 1 >= boundary) break
      const cut = nextSpace + 1
      if (cut <= segStart) break
      if (nextContent < segStart) {
        let i = segStart
        while (i < n && isBlank(at(text, i))) i++
        nextContent = i
      }
      if (nextContent >= cut) break
      store<i32>(starts + (<usize>count << 2), cut)
      count++
      segStart = cut
    }
    if (m < 0) break
    if (boundary > segStart && boundary < n) {
      if (nextContent < segStart) {
        let i = segStart
        while (i < n && isBlank(at(text, i))) i++
        nextContent = i
      }
      if (nextContent < boundary) {
        store<i32>(starts + (<usize>count << 2), boundary)
        count++
        segStart = boundary
      }
    }
  }
  return count
}
