/**
 * The fastest of `runs` wall times of `f`, in ms: scheduling noise, a GC pause or a busy CI
 * neighbour only ever adds time, so the minimum is what the code costs. For linear-time checks.
 */
export const fastestMs = (f: () => unknown, runs = 5): number => {
  let best = Infinity
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    f()
    best = Math.min(best, performance.now() - start)
  }
  return best
}
