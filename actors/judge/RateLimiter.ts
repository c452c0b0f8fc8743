/**
 * Per-sender and per-channel token buckets, with the limits of the policy in force (so a
 * reloaded rules file changes them without a restart) and time from Effect's Clock.
 *
 * A sender is counted per channel: "alice" on email and "alice" on the CLI are different
 * people as far as the judge can tell. One message takes a token from both buckets, or from
 * neither, so a refused message does not also drain the other bucket.
 */
import { Clock, Context, Effect, Layer } from "effect"
import { makeTokenBuckets } from "./internal/tokenBuckets.ts"
import { Policy } from "./Policy.ts"

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number; readonly limitedBy: "sender" | "channel" }

export interface RateLimiterOptions {
  /** Buckets kept at most (senders and channels together); default 10 000. */
  readonly maxKeys?: number
}

export class RateLimiter extends Context.Service<RateLimiter, {
  readonly take: (sender: string, channel: string) => Effect.Effect<RateDecision>
}>()("ironclaw/actors/judge/RateLimiter") {
  static layer(options: RateLimiterOptions = {}): Layer.Layer<RateLimiter, never, Policy> {
    return Layer.effect(RateLimiter)(Effect.gen(function*() {
      const policy = yield* Policy
      const buckets = makeTokenBuckets(options.maxKeys ?? 10_000)
      const take = Effect.fn("RateLimiter.take")(function*(sender: string, channel: string) {
        const limits = (yield* policy.current).rateLimits
        const now = yield* Clock.currentTimeMillis
        const senderKey = `sender\u0000${channel}\u0000${sender}`
        // synchronous between reading and writing the buckets: concurrent handlers cannot interleave
        const result = buckets.take([
          { key: senderKey, limits: limits.perSender },
          { key: `channel\u0000${channel}`, limits: limits.perChannel }
        ], now)
        if (result.ok) return { allowed: true } as const
        return {
          allowed: false,
          retryAfterMs: result.retryAfterMs,
          limitedBy: result.limitedBy.includes(senderKey) ? "sender" : "channel"
        } as const
      })
      return RateLimiter.of({ take })
    }))
  }
}
