// The character 3- and 5-gram features of forEachFeature (features.ts), over the text with tab,
// line feed and carriage return read as spaces and a space after a space skipped; each counts in
// the segment of its last character. Two SIMD passes: compaction (eight code units at a time)
// writes the kept units and where each segment starts among them; then the grams are hashed four
// at a time, CHUNK units at a time, and their weights summed segment by segment. In scalar code
// the five multiplications per character and the branches cost twice as much.

const FNV: u32 = 16777619
const MASK: u32 = (1 << 18) - 1
// the 5-gram hash ends with two multiplications in a row: one by their product
const FNV_M5: u32 = 16777619 * 0xc2b2ae35

// lane compaction: for each 8-bit keep mask, the byte shuffle that packs the kept u16 lanes
const PACK = memory.data(256 * 16, 16)
for (let m = 0; m < 256; m++) {
  let o = 0
  for (let l = 0; l < 8; l++) {
    if ((m & (1 << l)) == 0) continue
    store<u16>(PACK + m * 16 + o * 2, <u16>((l * 2) | ((l * 2 + 1) << 8)))
    o++
  }
  for (; o < 8; o++) store<u16>(PACK + m * 16 + o * 2, 0xffff)
}

// space, line feed, tab, carriage return, splatted (see K below)
const BLANKS = memory.data(4 * 16, 16)
v128.store(BLANKS, i16x8.splat(32))
v128.store(BLANKS + 16, i16x8.splat(10))
v128.store(BLANKS + 32, i16x8.splat(9))
v128.store(BLANKS + 48, i16x8.splat(13))

/**
 * Writes 4 leading spaces (the hash's initial ring) and the kept code units at `out`, and at
 * `firstOf` (i32s) the index among them of each segment's first kept unit, then the total.
 */
export function compact(text: usize, n: i32, starts: usize, nSeg: i32, out: usize, firstOf: usize): i32 {
  store<u64>(out, 0x0020002000200020)
  const base = out + 8
  let o = base
  let sg = 0
  // lane 7: whether the unit before the block is a space (before the text: yes)
  let before = i16x8.splat(-1)
  const space = v128.load(BLANKS)
  const lf = v128.load(BLANKS, 16)
  const tab = v128.load(BLANKS, 32)
  const cr = v128.load(BLANKS, 48)
  let p = 0
  for (; p + 8 <= n; p += 8) {
    const raw = v128.load(text + (<usize>p << 1))
    const sp = v128.or(v128.or(i16x8.eq(raw, space), i16x8.eq(raw, lf)), v128.or(i16x8.eq(raw, tab), i16x8.eq(raw, cr)))
    const mapped = v128.bitselect(space, raw, sp)
    const drop = v128.and(sp, i8x16.shuffle(before, sp, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29))
    before = sp
    const keep = ~i16x8.bitmask(drop) & 0xff
    while (sg < nSeg && load<i32>(starts + (<usize>sg << 2)) < p + 8) {
      const into = load<i32>(starts + (<usize>sg << 2)) - p
      store<i32>(firstOf + (<usize>sg << 2), <i32>((o - base) >> 1) + popcnt(keep & ((1 << into) - 1)))
      sg++
    }
    if (keep == 0xff) {
      v128.store(o, mapped)
      o += 16
    } else {
      v128.store(o, i8x16.swizzle(mapped, v128.load(PACK + (<usize>keep << 4))))
      o += <usize>popcnt(keep) << 1
    }
  }
  let last = i16x8.extract_lane_s(before, 7) != 0
  for (; p < n; p++) {
    while (sg < nSeg && load<i32>(starts + (<usize>sg << 2)) <= p) {
      store<i32>(firstOf + (<usize>sg << 2), <i32>((o - base) >> 1))
      sg++
    }
    const c = load<u16>(text + (<usize>p << 1))
    const sp = c == 32 || c == 10 || c == 9 || c == 13
    if (!(sp && last)) {
      store<u16>(o, sp ? 32 : c)
      o += 2
    }
    last = sp
  }
  const count = <i32>((o - base) >> 1)
  for (; sg <= nSeg; sg++) store<i32>(firstOf + (<usize>sg << 2), count)
  // the last hash block may read up to 3 units past the end
  store<u64>(o, 0)
  return count
}

const CHUNK: i32 = 2048

// the hash's constants, splatted, read from memory on entry: as literals they would be
// rematerialised in every iteration of the loop
const K = memory.data(5 * 16, 16)
v128.store(K, i32x4.splat(<i32>FNV))
v128.store(K + 16, i32x4.splat(<i32>MASK))
v128.store(K + 32, i32x4.splat(<i32>0x9e3779b1))
v128.store(K + 48, i32x4.splat(<i32>0x85ebca6b))
v128.store(K + 64, i32x4.splat(<i32>FNV_M5))

/** Hashes the grams ending at kept units [from, to) into `buf`: two u32 byte offsets per unit. */
function hashes(units: usize, from: i32, to: i32, buf: usize): void {
  const F = v128.load(K)
  const MK = v128.load(K, 16)
  const K3 = v128.load(K, 32)
  const K5 = v128.load(K, 48)
  const FM = v128.load(K, 64)
  let q = buf
  for (let j = from; j < to; j += 4) {
    const p = units + (<usize>j << 1)
    const c1 = v128.load16x4_u(p)
    const c2 = v128.load16x4_u(p, 2)
    const c3 = v128.load16x4_u(p, 4)
    const c4 = v128.load16x4_u(p, 6)
    const c = v128.load16x4_u(p, 8)
    const h3 = i32x4.mul(v128.xor(i32x4.mul(v128.xor(i32x4.mul(v128.xor(K3, c3), F), c4), F), c), F)
    const h5 = i32x4.mul(v128.xor(i32x4.mul(v128.xor(v128.xor(h3, K5), c1), F), c2), FM)
    const i3 = i32x4.shl(v128.and(h3, MK), 2)
    const i5 = i32x4.shl(v128.and(v128.xor(h5, i32x4.shr_u(h5, 15)), MK), 2)
    // interleaved: both grams of a unit side by side, so the gather reads them in order
    v128.store(q, i8x16.shuffle(i3, i5, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23))
    v128.store(q, i8x16.shuffle(i3, i5, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31), 16)
    q += 32
  }
}

/**
 * Adds the weights at `count` offsets pairs of `buf` to one segment's sums. In pieces of at most
 * 64 units: 128 entries (hi * 65536 + lo, |lo| <= 128) sum in an i32 without carrying into hi,
 * which is then exact.
 */
function gather(buf: usize, count: i32, w: usize, sum: usize): void {
  let lo: i64 = 0
  let hi: i64 = 0
  const end = buf + (<usize>count << 3)
  for (let a = buf; a < end; a += 512) {
    const b = min(end, a + 512)
    let s: i32 = 0
    for (let r = a; r < b; r += 8) s += load<i32>(w + <usize>load<u32>(r)) + load<i32>(w + <usize>load<u32>(r, 4))
    const l = <i32><i16>s
    lo += <i64>l
    hi += <i64>((s - l) >> 16)
  }
  store<i64>(sum, load<i64>(sum) + lo)
  store<i64>(sum, load<i64>(sum, 8) + hi, 8)
  store<i64>(sum, load<i64>(sum, 16) + (<i64>count << 1), 16)
}

/**
 * Adds every character n-gram feature to the sums; `units`, `firstOf` as written by compact; `buf`
 * holds 8 * CHUNK bytes: the hashes of CHUNK units at a time, summed segment by segment.
 */
export function ngrams(units: usize, firstOf: usize, nSeg: i32, w: usize, sums: usize, buf: usize): void {
  const m = load<i32>(firstOf + (<usize>nSeg << 2))
  let sg = 0
  for (let from = 0; from < m; from += CHUNK) {
    const to = min(m, from + CHUNK)
    hashes(units, from, to, buf)
    while (sg < nSeg) {
      const segFrom = load<i32>(firstOf + (<usize>sg << 2))
      const segTo = load<i32>(firstOf + (<usize>(sg + 1) << 2))
      const a = max(segFrom, from)
      const b = min(segTo, to)
      if (b > a) gather(buf + (<usize>(a - from) << 3), b - a, w, sums + <usize>sg * 24)
      if (segTo > to) break
      sg++
    }
  }
}
