import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, Ref, Stream } from "effect"
import * as Actor from "../../bus/Actor.ts"
import { Bus } from "../../bus/Bus.ts"
import * as MemoryTransport from "../../bus/MemoryTransport.ts"
import { actorFault, healthPing } from "../../bus/subjects.ts"
import * as Health from "../../actors/health/index.ts"
import { busLayer, testEcho, testEvent } from "../support/busFixtures.ts"

const collect = <A, E>(stream: Stream.Stream<A, E>, n: number) => Stream.take(stream, n).pipe(Stream.runCollect, Effect.forkChild)

describe("actor runtime", () => {
  it.live("a failing or dying handler is reported and the actor keeps serving", () =>
    Effect.gen(function*() {
      const bus = yield* Bus
      const handled = yield* Ref.make<Array<number>>([])
      const faults = yield* collect((yield* bus.client("auditor").subscribe(actorFault)).messages, 2)
      yield* Layer.build(Actor.make("judge", [
        Actor.on(testEvent, (m) =>
          m.payload.n === 1
            ? Effect.fail({ _tag: "Boom", message: "expected failure" })
            : m.payload.n === 2
            ? Effect.die(new Error("a bug"))
            : Ref.update(handled, (xs) => [...xs, m.payload.n]))
      ]))
      const channel = bus.client("channel")
      for (const n of [1, 2, 3]) yield* channel.publish(testEvent, { n, from: "c" })
      const reports = (yield* Fiber.join(faults)).map((m) => m.payload)
      assert.deepStrictEqual(reports.map((r) => r.actor), ["judge", "judge"])
      assert.strictEqual(reports[0]!.detail, "Boom: expected failure")
      assert.match(reports[1]!.detail, /^HandlerDefect: a bug/)
      while ((yield* Ref.get(handled)).length < 1) yield* Effect.sleep(2)
      assert.deepStrictEqual(yield* Ref.get(handled), [3])
    }).pipe(Effect.scoped, Effect.provide(busLayer(MemoryTransport.layer))))

  it.live("a request whose handler fails gets a failure reply, not a timeout", () =>
    Effect.gen(function*() {
      const bus = yield* Bus
      yield* Layer.build(Actor.make("vault", [
        Actor.answer(testEcho, (m) =>
          m.payload.text === "bad" ? Effect.fail({ _tag: "Refused", message: "no" }) : Effect.succeed({ text: m.payload.text, by: "vault" }))
      ]))
      const llm = bus.client("llm")
      const ok = yield* llm.request(testEcho, { text: "good" })
      assert.strictEqual(ok.payload.text, "good")
      const error = yield* Effect.flip(llm.request(testEcho, { text: "bad" }, { timeoutMs: 5_000 }))
      assert.strictEqual(error._tag, "RemoteFailure")
      if (error._tag === "RemoteFailure") assert.strictEqual(error.tag, "Refused")
    }).pipe(Effect.scoped, Effect.provide(busLayer(MemoryTransport.layer))))

  it.live("concurrency is bounded per handler", () =>
    Effect.gen(function*() {
      const bus = yield* Bus
      const active = yield* Ref.make(0)
      const peak = yield* Ref.make(0)
      const done = yield* Ref.make(0)
      yield* Layer.build(Actor.make("judge", [
        Actor.on(testEvent, () =>
          Effect.gen(function*() {
            const now = yield* Ref.updateAndGet(active, (n) => n + 1)
            yield* Ref.update(peak, (p) => Math.max(p, now))
            yield* Effect.sleep(5)
            yield* Ref.update(active, (n) => n - 1)
            yield* Ref.update(done, (n) => n + 1)
          }), { concurrency: 3 })
      ]))
      const channel = bus.client("channel")
      for (let n = 0; n < 30; n++) yield* channel.publish(testEvent, { n, from: "c" })
      while ((yield* Ref.get(done)) < 30) yield* Effect.sleep(5)
      assert.strictEqual(yield* Ref.get(peak), 3)
    }).pipe(Effect.scoped, Effect.provide(busLayer(MemoryTransport.layer))))

  it.live("shutdown drains: buffered and in-flight messages finish before the actor stops", () =>
    Effect.gen(function*() {
      const bus = yield* Bus
      const finished = yield* Ref.make<Array<number>>([])
      const started = yield* Deferred.make<void>()
      const actor = Actor.make("judge", [
        Actor.on(testEvent, (m) =>
          Effect.gen(function*() {
            yield* Deferred.succeed(started, undefined)
            yield* Effect.sleep(30)
            yield* Ref.update(finished, (xs) => [...xs, m.payload.n])
          }), { concurrency: 1 })
      ])
      yield* Effect.scoped(Effect.gen(function*() {
        yield* Layer.build(actor)
        const channel = bus.client("channel")
        for (const n of [1, 2, 3]) yield* channel.publish(testEvent, { n, from: "c" })
        yield* Deferred.await(started)
      })) // the actor's scope closes here, with message 1 in flight and 2, 3 buffered
      assert.deepStrictEqual(yield* Ref.get(finished), [1, 2, 3])
      // after shutdown the actor takes nothing new
      yield* bus.client("channel").publish(testEvent, { n: 4, from: "c" })
      yield* Effect.sleep(50)
      assert.deepStrictEqual(yield* Ref.get(finished), [1, 2, 3])
    }).pipe(Effect.scoped, Effect.provide(busLayer(MemoryTransport.layer))))

  it.live("the health actor answers pings", () =>
    Effect.gen(function*() {
      const bus = yield* Bus
      yield* Layer.build(Health.layer)
      const reply = yield* bus.client("cli").request(healthPing, { from: "test" })
      assert.strictEqual(reply.payload.status, "ok")
      assert.strictEqual(reply.payload.transport, "memory")
      assert.isAtLeast(reply.payload.uptimeMs, 0)
    }).pipe(Effect.scoped, Effect.provide(busLayer(MemoryTransport.layer))))
})
