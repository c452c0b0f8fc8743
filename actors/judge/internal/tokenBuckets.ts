/**
 * Token buckets keyed by string, bounded in number. Time comes in as an argument, so the
 * caller decides the clock (the RateLimiter passes Effect's Clock, which tests control).
 *
 * Eviction: the map is kept in least-recently-used order (a touched key is re-inserted at the
 * end); at `maxKeys`, the least recently used key goes. A bucket idle long enough has refilled
 * to full, so dropping it loses nothing; dropping a busy one only hands that key a fresh,
 * full bucket — a bounded leniency, preferred to unbounded memory under a flood of senders.
 */
export interface BucketLimits {
  readonly capacity: number
  readonly refillPerSecond: number
}

interface Bucket {
  readonly tokens: number
  readonly at: number
}

export type TakeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryAfterMs: number; readonly limitedBy: ReadonlyArray<string> }

export interface TokenBuckets {
  /** Takes one token from every bucket named, or from none when any is empty. */
  readonly take: (wanted: ReadonlyArray<{ readonly key: string; readonly limits: BucketLimits }>, now: number) => TakeResult
  readonly size: () => number
}

export const makeTokenBuckets = (maxKeys: number): TokenBuckets => {
  const buckets = new Map<string, Bucket>()

  const level = (key: string, limits: BucketLimits, now: number): number => {
    const b = buckets.get(key)
    if (b === undefined) return limits.capacity
    // a clock that went backwards refills nothing rather than draining the bucket
    const elapsed = Math.max(0, now - b.at)
    return Math.min(limits.capacity, b.tokens + (elapsed / 1000) * limits.refillPerSecond)
  }

  const store = (key: string, bucket: Bucket) => {
    buckets.delete(key)
    while (buckets.size >= maxKeys) {
      const oldest = buckets.keys().next()
      if (oldest.done === true) break
      buckets.delete(oldest.value)
    }
    buckets.set(key, bucket)
  }

  const take: TokenBuckets["take"] = (wanted, now) => {
    const levels = wanted.map((w) => ({ ...w, tokens: level(w.key, w.limits, now) }))
    const empty = levels.filter((l) => l.tokens < 1)
    if (empty.length === 0) {
      for (const l of levels) store(l.key, { tokens: l.tokens - 1, at: now })
      return { ok: true }
    }
    for (const l of levels) store(l.key, { tokens: l.tokens, at: now })
    const retryAfterMs = Math.max(...empty.map((l) => Math.ceil(((1 - l.tokens) * 1000) / l.limits.refillPerSecond)))
    return { ok: false, retryAfterMs, limitedBy: empty.map((l) => l.key) }
  }

  return { take, size: () => buckets.size }
}
