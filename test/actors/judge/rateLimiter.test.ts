import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { Policy, RateLimiter } from "../../../actors/judge/index.ts"
import { makeTokenBuckets } from "../../../actors/judge/internal/tokenBuckets.ts"
import { policyOf } from "./support.ts"

const limiter = (perSender: object, perChannel: object, maxKeys?: number) =>
  RateLimiter.layer(maxKeys !== undefined ? { maxKeys } : {}).pipe(Layer.provide(Policy.layer(policyOf([], { perSender, perChannel }))))

const takeN = (n: number, sender: string, channel: string) =>
  Effect.gen(function*() {
    const rl = yield* RateLimiter
    const out = []
    for (let i = 0; i < n; i++) out.push(yield* rl.take(sender, channel))
    return out
  })

describe("rate limits", () => {
  it.effect("a burst up to capacity passes; the next is refused with retry-after", () =>
    Effect.gen(function*() {
      const burst = yield* takeN(3, "alice", "cli")
      assert.isTrue(burst.every((d) => d.allowed))
      const over = yield* (yield* RateLimiter).take("alice", "cli")
      assert.deepStrictEqual(over, { allowed: false, retryAfterMs: 500, limitedBy: "sender" })
    }).pipe(Effect.provide(limiter({ capacity: 3, refillPerSecond: 2 }, { capacity: 100, refillPerSecond: 100 }))))

  it.effect("tokens refill with the clock, and retry-after is exact", () =>
    Effect.gen(function*() {
      const rl = yield* RateLimiter
      yield* takeN(2, "alice", "cli")
      const first = yield* rl.take("alice", "cli")
      assert.isFalse(first.allowed)
      if (!first.allowed) assert.strictEqual(first.retryAfterMs, 4_000)
      yield* TestClock.adjust(3_000)
      const still = yield* rl.take("alice", "cli")
      assert.isFalse(still.allowed)
      if (!still.allowed) assert.strictEqual(still.retryAfterMs, 1_000)
      yield* TestClock.adjust(1_000)
      assert.isTrue((yield* rl.take("alice", "cli")).allowed)
      assert.isFalse((yield* rl.take("alice", "cli")).allowed)
      // a long idle period refills only up to capacity
      yield* TestClock.adjust(60_000)
      const refilled = yield* takeN(3, "alice", "cli")
      assert.deepStrictEqual(refilled.map((d) => d.allowed), [true, true, false])
    }).pipe(Effect.provide(limiter({ capacity: 2, refillPerSecond: 0.25 }, { capacity: 100, refillPerSecond: 100 }))))

  it.effect("senders are independent; the channel bucket is shared by all its senders", () =>
    Effect.gen(function*() {
      const rl = yield* RateLimiter
      assert.isTrue((yield* takeN(2, "alice", "email")).every((d) => d.allowed))
      assert.isFalse((yield* rl.take("alice", "email")).allowed)
      // bob still has his own tokens; alice's refusal did not spend a channel token
      assert.isTrue((yield* rl.take("bob", "email")).allowed)
      assert.isTrue((yield* rl.take("carol", "email")).allowed)
      const channelFull = yield* rl.take("dave", "email")
      assert.isFalse(channelFull.allowed)
      if (!channelFull.allowed) {
        assert.strictEqual(channelFull.limitedBy, "channel")
        assert.strictEqual(channelFull.retryAfterMs, 1_000)
      }
      // another channel is unaffected, and the same sender name there is another sender
      assert.isTrue((yield* rl.take("alice", "cli")).allowed)
    }).pipe(Effect.provide(limiter({ capacity: 2, refillPerSecond: 1 }, { capacity: 4, refillPerSecond: 1 }))))

  it.effect("limits follow the policy in force", () =>
    Effect.gen(function*() {
      const tight = yield* takeN(2, "alice", "cli").pipe(Effect.provide(limiter({ capacity: 1, refillPerSecond: 1 }, { capacity: 9, refillPerSecond: 1 })))
      assert.deepStrictEqual(tight.map((d) => d.allowed), [true, false])
      const loose = yield* takeN(2, "alice", "cli").pipe(Effect.provide(limiter({ capacity: 5, refillPerSecond: 1 }, { capacity: 9, refillPerSecond: 1 })))
      assert.deepStrictEqual(loose.map((d) => d.allowed), [true, true])
    }))

  it("the number of buckets is bounded; the least recently used goes first", () => {
    const buckets = makeTokenBuckets(3)
    const limits = { capacity: 1, refillPerSecond: 0.001 }
    for (const key of ["a", "b", "c"]) assert.isTrue(buckets.take([{ key, limits }], 0).ok)
    assert.isFalse(buckets.take([{ key: "a", limits }], 1).ok) // a is now the most recently used
    for (let i = 0; i < 1_000; i++) buckets.take([{ key: `flood-${i}`, limits }], 2)
    assert.strictEqual(buckets.size(), 3)
    // a and b were evicted by the flood, so they start again with a full bucket
    assert.isTrue(buckets.take([{ key: "b", limits }], 3).ok)
  })

  it("a refused take spends no token from any bucket", () => {
    const buckets = makeTokenBuckets(10)
    const big = { capacity: 5, refillPerSecond: 1 }
    const empty = { capacity: 1, refillPerSecond: 1 }
    assert.isTrue(buckets.take([{ key: "s", limits: empty }, { key: "c", limits: big }], 0).ok)
    for (let i = 0; i < 3; i++) assert.isFalse(buckets.take([{ key: "s", limits: empty }, { key: "c", limits: big }], 0).ok)
    // c still has 4 of its 5 tokens
    for (let i = 0; i < 4; i++) assert.isTrue(buckets.take([{ key: "c", limits: big }], 0).ok)
    assert.isFalse(buckets.take([{ key: "c", limits: big }], 0).ok)
  })
})
