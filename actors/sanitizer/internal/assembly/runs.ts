// The candidate runs of decode.ts's base64/base32/hex finder: maximal runs of [A-Za-z0-9+/_-] of
// 16 or more code units, each with its counts, for decode.ts to decode. The walk of the JS it
// replaces (a run of 16 or more covers every 16th position: probe there, skip 16 when it is no
// run character), so the same runs in the same order.

const MIN: i32 = 16
// per ASCII code: 1 run character, 2 hex digit too
const CLASS = memory.data(128)
for (let c = 0; c < 128; c++) {
  const hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
  const run = hex || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 43 || c == 47 || c == 95 || c == 45
  store<u8>(CLASS + c, (run ? 1 : 0) | (hex ? 2 : 0))
}

@inline function cls(text: usize, i: i32): u32 {
  const c = <u32>load<u16>(text + (<usize>i << 1))
  return c < 128 ? <u32>load<u8>(CLASS + c) : 0
}

/**
 * Writes, per run of MIN or more, seven i32s at `out`: its start, its end, its end with up to two
 * "=" of padding, its upper-case, lower-case and digit counts, and 1 if all are hex digits.
 * Returns their count (runs are disjoint: at most n / MIN).
 */
export function runs(text: usize, n: i32, out: usize): i32 {
  let count = 0
  let i = 0
  while (i < n) {
    const probe = i + MIN - 1
    if (probe >= n) break
    if (cls(text, probe) == 0) {
      i = probe + 1
      continue
    }
    let j = probe + 1
    while (j < n && cls(text, j) != 0) j++
    let end = j
    while (end < n && load<u16>(text + (<usize>end << 1)) == 61 && end - j < 2) end++
    // the run starts at or after i: shorter than MIN whatever its start (a word, in prose)
    if (j - i < MIN) {
      i = end
      continue
    }
    let start = probe
    while (start > i && cls(text, start - 1) != 0) start--
    if (j - start >= MIN) {
      let upper = 0
      let lower = 0
      let digit = 0
      let allHex = 1
      for (let k = start; k < j; k++) {
        const c = <u32>load<u16>(text + (<usize>k << 1))
        if ((load<u8>(CLASS + c) & 2) == 0) allHex = 0
        if (c - 65 < 26) upper++
        else if (c - 97 < 26) lower++
        else if (c - 48 < 10) digit++
      }
      const o = out + <usize>count * 28
      store<i32>(o, start)
      store<i32>(o, j, 4)
      store<i32>(o, end, 8)
      store<i32>(o, upper, 12)
      store<i32>(o, lower, 16)
      store<i32>(o, digit, 20)
      store<i32>(o, allHex, 24)
      count++
    }
    i = end
  }
  return count
}
