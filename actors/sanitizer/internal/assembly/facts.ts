// Two facts about a text that the decoded views need (prefilter.ts reports them with the trigger
// starts), found sixteen code units at a time: every letter/leetspeak stand-in edge
// (/[a-z][013457@$]|[013457@$][a-z]/, each position) and the first run of spaced-out letters
// (/(?:[a-z] ){4,400}[a-z]/, its start); also whether any code unit is outside ASCII.

// the stand-ins 0 1 3 4 5 7 @ $, splatted (read from memory: as literals V8 would rematerialise
// them in every iteration)
const STAND_INS = memory.data(8 * 16, 16)
v128.store(STAND_INS, i8x16.splat(48))
v128.store(STAND_INS + 16, i8x16.splat(49))
v128.store(STAND_INS + 32, i8x16.splat(51))
v128.store(STAND_INS + 48, i8x16.splat(52))
v128.store(STAND_INS + 64, i8x16.splat(53))
v128.store(STAND_INS + 80, i8x16.splat(55))
v128.store(STAND_INS + 96, i8x16.splat(64))
v128.store(STAND_INS + 112, i8x16.splat(36))
// the last, partial block, zero-padded (zero is in no class)
const TAIL = memory.data(32, 16)

/**
 * Writes the edges (i32 positions, ascending) at `edges` and, at `out` (i32s), their count, the
 * spaced run's start (-1: none) and 1 if any code unit is >= 128.
 */
export function facts(text: usize, n: i32, edges: usize, out: usize): void {
  const s0 = v128.load(STAND_INS)
  const s1 = v128.load(STAND_INS, 16)
  const s2 = v128.load(STAND_INS, 32)
  const s3 = v128.load(STAND_INS, 48)
  const s4 = v128.load(STAND_INS, 64)
  const s5 = v128.load(STAND_INS, 80)
  const s6 = v128.load(STAND_INS, 96)
  const s7 = v128.load(STAND_INS, 112)
  let e = edges
  let spaced = -1
  let wide = 0
  // bits of the previous block (positions b - 16 .. b - 1), answered once the next block is known
  let prevL: u32 = 0
  let prevS: u32 = 0
  let prevSp: u32 = 0
  const blocks = (n + 15) >> 4
  for (let k = 0; k <= blocks; k++) {
    const b = k << 4
    let L: u32 = 0
    let S: u32 = 0
    let Sp: u32 = 0
    if (k < blocks) {
      let p = text + (<usize>b << 1)
      if (b + 16 > n) {
        memory.fill(TAIL, 0, 32)
        memory.copy(TAIL, p, <usize>(n - b) << 1)
        p = TAIL
      }
      const lo = v128.load(p)
      const hi = v128.load(p, 16)
      wide |= i16x8.bitmask(i16x8.gt_u(lo, i16x8.splat(127))) | i16x8.bitmask(i16x8.gt_u(hi, i16x8.splat(127)))
      // saturated: a unit >= 256 is 255, in no class
      const v = i8x16.narrow_i16x8_u(lo, hi)
      L = i8x16.bitmask(i8x16.lt_u(i8x16.sub(v, i8x16.splat(97)), i8x16.splat(26)))
      S = i8x16.bitmask(v128.or(v128.or(v128.or(i8x16.eq(v, s0), i8x16.eq(v, s1)), v128.or(i8x16.eq(v, s2), i8x16.eq(v, s3))), v128.or(v128.or(i8x16.eq(v, s4), i8x16.eq(v, s5)), v128.or(i8x16.eq(v, s6), i8x16.eq(v, s7)))))
      Sp = i8x16.bitmask(i8x16.eq(v, i8x16.splat(32)))
    }
    if (k > 0) {
      const wl = prevL | (L << 16)
      const ws = prevS | (S << 16)
      let edge = ((wl & (ws >> 1)) | (ws & (wl >> 1))) & 0xffff
      while (edge != 0) {
        store<i32>(e, b - 16 + ctz(edge))
        e += 4
        edge &= edge - 1
      }
      if (spaced < 0) {
        const wp = prevSp | (Sp << 16)
        const run = wl & (wp >> 1) & (wl >> 2) & (wp >> 3) & (wl >> 4) & (wp >> 5) & (wl >> 6) & (wp >> 7) & (wl >> 8) & 0xffff
        if (run != 0) spaced = b - 16 + ctz(run)
      }
    }
    prevL = L
    prevS = S
    prevSp = Sp
  }
  store<i32>(out, <i32>((e - edges) >> 2))
  store<i32>(out, spaced, 4)
  store<i32>(out, wide != 0 ? 1 : 0, 8)
}
