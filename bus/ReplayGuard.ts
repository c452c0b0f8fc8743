/**
 * Remembers envelope ids for the replay window. An id seen again inside the window is a
 * replay; an envelope whose time lies outside the window is refused as stale or future,
 * so forgetting an id when its window passes cannot let its replay through.
 */
export class ReplayGuard {
  readonly #windowMs: number
  readonly #seen = new Map<string, number>()
  #lastSweep = 0

  constructor(windowMs: number) {
    this.#windowMs = windowMs
  }

  check(id: string, time: number, now: number): "ok" | "duplicate-id" | "stale" | "future" {
    if (time < now - this.#windowMs) return "stale"
    if (time > now + this.#windowMs) return "future"
    if (now - this.#lastSweep > this.#windowMs) this.#sweep(now)
    if (this.#seen.has(id)) return "duplicate-id"
    this.#seen.set(id, time)
    return "ok"
  }

  get size(): number {
    return this.#seen.size
  }

  #sweep(now: number) {
    this.#lastSweep = now
    for (const [id, time] of this.#seen) {
      if (time < now - this.#windowMs) this.#seen.delete(id)
    }
  }
}
