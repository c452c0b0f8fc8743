// The best window of 1..MAX_SEGMENTS consecutive segments of at most MAX_WINDOW_CHARS code units
// for one head, from the per-segment sums (features.ts windowFeatures defines the windows).

const MAX_SEGMENTS: i32 = 4
const MAX_WINDOW_CHARS: i32 = 1200

/**
 * `half`: the head's offset in each segment's sums (0 first head, 8 second). Writes the logit (f64)
 * at `out`, then the window's start and end (i32). The integer sum is scaled once per window in
 * the order of operations of the JS definition, so the logit is the same double.
 */
export function bestWindow(starts: usize, nSeg: i32, end: i32, sums: usize, half: i32, bias: f64, scale: f64, out: usize): void {
  let best = -Infinity
  let bestStart = 0
  let bestEnd = end
  for (let a = 0; a < nSeg; a++) {
    const startA = load<i32>(starts + (<usize>a << 2))
    let s: i64 = 0
    let c: i64 = 0
    for (let b = a; b < nSeg && b - a < MAX_SEGMENTS; b++) {
      const segEnd = b + 1 < nSeg ? load<i32>(starts + (<usize>(b + 1) << 2)) : end
      if (b > a && segEnd - startA > MAX_WINDOW_CHARS) break
      const p = sums + <usize>b * 24
      s += load<i64>(p + <usize>half)
      c += load<i64>(p, 16)
      if (c == 0) continue
      const logit = bias + (<f64>s * scale) / sqrt<f64>(<f64>c)
      if (logit > best) {
        best = logit
        bestStart = startA
        bestEnd = segEnd
      }
    }
  }
  store<f64>(out, best)
  store<i32>(out, bestStart, 8)
  store<i32>(out, bestEnd, 12)
}
