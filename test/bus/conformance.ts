/**
 * The bus conformance suite: the same behaviour asserted against every transport.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, type Layer, type Scope, Stream } from "effect"
import sodium from "libsodium-wrappers"
import { Bus } from "../../bus/Bus.ts"
import { canonicalJson } from "../../bus/canonical.ts"
import { auditRejected } from "../../bus/subjects.ts"
import { SubjectTable } from "../../bus/SubjectTable.ts"
import { Transport } from "../../bus/Transport.ts"
import type { Rejection } from "../../schemas/index.ts"
import { testEcho, testEvent, testOther, testSigned, testSignedEcho, testWork } from "../support/busFixtures.ts"

const encoder = new TextEncoder()

/** Starts collecting `n` messages from a stream in the background. */
const collect = <A, E>(stream: Stream.Stream<A, E>, n: number) =>
  Stream.take(stream, n).pipe(Stream.runCollect, Effect.forkChild)

/** Subscribes the auditor to rejections and collects the first `n`. */
const rejections = (n: number) =>
  Effect.gen(function*() {
    const bus = yield* Bus
    const sub = yield* bus.client("auditor").subscribe(auditRejected)
    return yield* collect(sub.messages, n)
  })

/** Waits until everything published so far has reached the server (and any subscription is live). */
const settle = Effect.gen(function*() {
  const transport = yield* Transport
  yield* transport.flush
  yield* Effect.sleep(20)
})

const rawPublish = (name: string, body: unknown) =>
  Effect.gen(function*() {
    const transport = yield* Transport
    const table = yield* SubjectTable
    const bytes = typeof body === "string" ? encoder.encode(body) : encoder.encode(JSON.stringify(body))
    yield* transport.publish(`${table.namespace}.${name}`, bytes)
  })

const envelopeFor = (subject: string, producer: string, payload: unknown, extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  correlationId: crypto.randomUUID(),
  time: Date.now(),
  producer,
  kind: "event",
  subject,
  payload,
  ...extra
})

export const conformance = <E>(name: string, makeLayer: () => Layer.Layer<Bus | Transport | SubjectTable, E>) =>
  describe(`bus conformance: ${name}`, () => {
    const run = <A, E2>(effect: Effect.Effect<A, E2, Bus | Transport | SubjectTable | Scope.Scope>) =>
      effect.pipe(Effect.scoped, Effect.provide(makeLayer()))

    it.live("pub/sub delivers every message to every subscriber", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const a = yield* bus.client("judge").subscribe(testEvent)
        const b = yield* bus.client("llm").subscribe(testEvent)
        const fa = yield* collect(a.messages, 3)
        const fb = yield* collect(b.messages, 3)
        yield* settle
        const channel = bus.client("channel")
        for (const n of [1, 2, 3]) yield* channel.publish(testEvent, { n, from: "channel" })
        const got = [yield* Fiber.join(fa), yield* Fiber.join(fb)]
        for (const messages of got) {
          assert.deepStrictEqual(messages.map((m) => m.payload.n), [1, 2, 3])
          assert.strictEqual(messages[0]!.producer, "channel")
          assert.strictEqual(messages[0]!.subject, "test.event.v1")
        }
      })))

    it.live("wildcards: `*` matches one token, `>` the rest, and nothing outside the pattern", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const star = yield* bus.client("auditor").observe("test.*.v1")
        const tail = yield* bus.client("auditor").observe("test.>")
        const fStar = yield* collect(star.messages, 2)
        const fTail = yield* collect(tail.messages, 3)
        yield* settle
        const channel = bus.client("channel")
        yield* channel.publish(testEvent, { n: 1, from: "c" })
        yield* bus.client("judge").publish(testWork, { n: 2, from: "j" }) // test.work.v1 matches both
        yield* channel.publish(testOther, { n: 3, from: "c" })
        const starNames = (yield* Fiber.join(fStar)).map((m) => m.definition.name)
        const tailNames = (yield* Fiber.join(fTail)).map((m) => m.definition.name)
        assert.deepStrictEqual(starNames, ["test.event.v1", "test.work.v1"])
        assert.deepStrictEqual(tailNames, ["test.event.v1", "test.work.v1", "test.other.v1"])
      })))

    it.live("a queue group delivers each message to exactly one member", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const total = 200
        const w1 = yield* bus.client("tool-runner").subscribe(testWork)
        const w2 = yield* bus.client("tool-runner").subscribe(testWork)
        const seen: Array<{ worker: number; n: number }> = []
        const f1 = yield* w1.messages.pipe(Stream.runForEach((m) => Effect.sync(() => seen.push({ worker: 1, n: m.payload.n }))), Effect.forkChild)
        const f2 = yield* w2.messages.pipe(Stream.runForEach((m) => Effect.sync(() => seen.push({ worker: 2, n: m.payload.n }))), Effect.forkChild)
        yield* settle
        const judge = bus.client("judge")
        for (let n = 0; n < total; n++) yield* judge.publish(testWork, { n, from: "judge" })
        yield* Effect.gen(function*() {
          while (seen.length < total) yield* Effect.sleep(5)
        }).pipe(Effect.timeout(5_000))
        yield* settle
        yield* Fiber.interrupt(f1)
        yield* Fiber.interrupt(f2)
        assert.strictEqual(seen.length, total, "every message delivered exactly once")
        assert.strictEqual(new Set(seen.map((s) => s.n)).size, total, "no message delivered twice")
        assert.isTrue(seen.some((s) => s.worker === 1) && seen.some((s) => s.worker === 2), "both members got work")
      })))

    it.live("request/reply returns the responder's typed reply", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const server = yield* bus.client("vault").serve(testEcho)
        yield* server.messages.pipe(
          Stream.runForEach((req) => req.reply({ text: req.payload.text.toUpperCase(), by: "vault" })),
          Effect.forkChild
        )
        yield* settle
        const reply = yield* bus.client("llm").request(testEcho, { text: "hello" })
        assert.deepStrictEqual(reply.payload, { text: "HELLO", by: "vault" })
        assert.strictEqual(reply.producer, "vault")
        assert.strictEqual(reply.kind, "reply")
      })))

    it.live("a handler failure travels back as RemoteFailure", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const server = yield* bus.client("vault").serve(testEcho)
        yield* server.messages.pipe(Stream.runForEach((req) => req.fail("Nope", "cannot echo")), Effect.forkChild)
        yield* settle
        const error = yield* Effect.flip(bus.client("llm").request(testEcho, { text: "x" }))
        assert.strictEqual(error._tag, "RemoteFailure")
        if (error._tag === "RemoteFailure") assert.strictEqual(error.tag, "Nope")
      })))

    it.live("a request nobody answers in time fails with BusTimeout", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        yield* bus.client("vault").serve(testEcho) // subscribed, never replies
        yield* settle
        const error = yield* Effect.flip(bus.client("llm").request(testEcho, { text: "x" }, { timeoutMs: 100 }))
        assert.strictEqual(error._tag, "BusTimeout")
      })))

    it.live("a request with no subscriber fails with NoResponders", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const error = yield* Effect.flip(bus.client("llm").request(testEcho, { text: "x" }, { timeoutMs: 2_000 }))
        assert.strictEqual(error._tag, "NoResponders")
      })))

    it.live("a malformed payload is reported as DecodeFailure and never reaches the handler", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const sub = yield* bus.client("judge").subscribe(testEvent)
        const handled = yield* collect(sub.messages, 1)
        const audit = yield* rejections(3)
        yield* settle
        yield* rawPublish("test.event.v1", "{not json")
        yield* rawPublish("test.event.v1", envelopeFor("test.event.v1", "channel", { n: "one", from: "x" }))
        yield* rawPublish("test.event.v1", { hello: "no envelope" })
        yield* bus.client("channel").publish(testEvent, { n: 7, from: "good" })
        const got = yield* Fiber.join(handled)
        assert.deepStrictEqual(got.map((m) => m.payload.n), [7], "only the valid message was handled")
        const reports: ReadonlyArray<Rejection> = (yield* Fiber.join(audit)).map((m) => m.payload)
        assert.deepStrictEqual(reports.map((r) => r.reason), ["DecodeFailure", "DecodeFailure", "DecodeFailure"])
        assert.match(reports[0]!.detail, /frame/)
        assert.match(reports[1]!.detail, /payload/)
        assert.match(reports[2]!.detail, /envelope/)
        assert.strictEqual(reports[0]!.receiver, "judge")
      })))

    it.live("the table refuses an actor that may not publish or subscribe", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const pub = yield* Effect.flip(bus.client("llm").publish(testEvent, { n: 1, from: "llm" }))
        assert.strictEqual(pub._tag, "PermissionDenied")
        const sub = yield* Effect.flip(bus.client("vault").subscribe(testEvent))
        assert.strictEqual(sub._tag, "PermissionDenied")
        const req = yield* Effect.flip(bus.client("vault").request(testEcho, { text: "x" }))
        assert.strictEqual(req._tag, "PermissionDenied")
      })))

    it.live("an envelope naming an unauthorised producer is rejected and reported", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const sub = yield* bus.client("judge").subscribe(testEvent)
        const handled = yield* collect(sub.messages, 1)
        const audit = yield* rejections(1)
        yield* settle
        yield* rawPublish("test.event.v1", envelopeFor("test.event.v1", "llm", { n: 1, from: "forged" }))
        yield* bus.client("sanitizer").publish(testEvent, { n: 2, from: "sanitizer" })
        assert.deepStrictEqual((yield* Fiber.join(handled)).map((m) => m.payload.n), [2])
        const [report] = yield* Fiber.join(audit)
        assert.strictEqual(report!.payload.reason, "UnauthorizedPublisher")
        assert.strictEqual(report!.payload.claimedProducer, undefined)
        assert.match(report!.payload.detail, /llm is not an allowed publisher of test\.event\.v1/)
      })))

    it.live("signed subjects reject unsigned, forged and wrong-key envelopes", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const sub = yield* bus.client("judge").subscribe(testSigned)
        const handled = yield* collect(sub.messages, 1)
        const audit = yield* rejections(4)
        yield* settle
        const payload = { n: 1, from: "attacker" }
        // unsigned
        yield* rawPublish("test.signed.v1", envelopeFor("test.signed.v1", "sanitizer", payload))
        // garbage signature
        yield* rawPublish("test.signed.v1", envelopeFor("test.signed.v1", "sanitizer", payload, { signature: "AAAA" }))
        // a well-formed signature by a key that is not the sanitizer's
        yield* Effect.promise(() => sodium.ready)
        const stranger = sodium.crypto_sign_keypair()
        const body = envelopeFor("test.signed.v1", "sanitizer", payload)
        const forged = { ...body, signature: sodium.to_base64(sodium.crypto_sign_detached(canonicalJson(body), stranger.privateKey)) }
        yield* rawPublish("test.signed.v1", forged)
        // a valid signature over different content: take a real envelope and change its payload
        const real = yield* bus.client("sanitizer").publish(testSigned, { n: 2, from: "sanitizer" })
        yield* rawPublish("test.signed.v1", { ...real, id: crypto.randomUUID(), payload: { n: 666, from: "tampered" } })
        const got = yield* Fiber.join(handled)
        assert.deepStrictEqual(got.map((m) => m.payload), [{ n: 2, from: "sanitizer" }])
        assert.isString(got[0]!.signature)
        const reports = (yield* Fiber.join(audit)).map((m) => m.payload)
        assert.deepStrictEqual(reports.map((r) => r.reason), ["InvalidSignature", "InvalidSignature", "InvalidSignature", "InvalidSignature"])
        assert.match(reports[0]!.detail, /missing/)
        assert.match(reports[1]!.detail, /malformed/)
        assert.match(reports[2]!.detail, /mismatch/)
        assert.match(reports[3]!.detail, /mismatch/)
      })))

    it.live("a replayed signed envelope is rejected and reported", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const sub = yield* bus.client("judge").subscribe(testSigned)
        const received: Array<number> = []
        yield* sub.messages.pipe(Stream.runForEach((m) => Effect.sync(() => received.push(m.payload.n))), Effect.forkChild)
        const audit = yield* rejections(2)
        yield* settle
        const original = yield* bus.client("sanitizer").publish(testSigned, { n: 1, from: "sanitizer" })
        yield* rawPublish("test.signed.v1", original) // exact replay
        yield* rawPublish("test.signed.v1", { ...original, time: original.time - 10 * 60_000 }) // stale, re-timed: signature breaks
        yield* bus.client("sanitizer").publish(testSigned, { n: 2, from: "sanitizer" })
        const reports = (yield* Fiber.join(audit)).map((m) => m.payload)
        yield* settle
        assert.deepStrictEqual(received, [1, 2])
        assert.strictEqual(reports[0]!.reason, "ReplayDetected")
        assert.strictEqual(reports[0]!.envelopeId, undefined)
        assert.match(reports[0]!.detail, /duplicate-id/)
        assert.strictEqual(reports[1]!.reason, "InvalidSignature")
      })))

    it.live("signed request/reply verifies both directions", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const server = yield* bus.client("egress").serve(testSignedEcho)
        yield* server.messages.pipe(Stream.runForEach((req) => req.reply({ text: req.payload.text, by: "egress" })), Effect.forkChild)
        yield* settle
        const reply = yield* bus.client("judge").request(testSignedEcho, { text: "approve" })
        assert.deepStrictEqual(reply.payload, { text: "approve", by: "egress" })
        assert.isString(reply.signature)
      })))

    it.live("a full mailbox drops the newest messages for that subscriber and reports a slow consumer", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const transport = yield* Transport
        const slow = yield* transport.events.pipe(
          Stream.filter((e) => e._tag === "SlowConsumer"),
          Stream.take(1),
          Stream.runCollect,
          Effect.forkChild
        )
        const sub = yield* bus.client("judge").subscribe(testEvent, { bufferSize: 5 })
        yield* settle
        const channel = bus.client("channel")
        for (let n = 0; n < 20; n++) yield* channel.publish(testEvent, { n, from: "c" })
        yield* settle
        const [event] = yield* Fiber.join(slow).pipe(Effect.timeout(5_000))
        assert.strictEqual(event!._tag, "SlowConsumer")
        // nothing consumed yet: the first five are kept, in order, and the rest were dropped
        const kept = yield* Stream.take(sub.messages, 5).pipe(Stream.runCollect)
        assert.deepStrictEqual(kept.map((m) => m.payload.n), [0, 1, 2, 3, 4])
        yield* channel.publish(testEvent, { n: 99, from: "c" })
        const [next] = yield* Stream.take(sub.messages, 1).pipe(Stream.runCollect)
        assert.strictEqual(next!.payload.n, 99, "the subscriber goes on once it has room")
      })))

    it.live("10k messages arrive in order per publisher", () =>
      run(Effect.gen(function*() {
        const bus = yield* Bus
        const count = 10_000
        const sub = yield* bus.client("judge").subscribe(testEvent)
        const fiber = yield* collect(sub.messages, 2 * count)
        yield* settle
        const a = bus.client("channel")
        const b = bus.client("sanitizer")
        yield* Effect.all([
          Effect.forEach(Array.from({ length: count }, (_, n) => n), (n) => a.publish(testEvent, { n, from: "a" }), { discard: true }),
          Effect.forEach(Array.from({ length: count }, (_, n) => n), (n) => b.publish(testEvent, { n, from: "b" }), { discard: true })
        ], { concurrency: 2 })
        const got = yield* Fiber.join(fiber)
        for (const from of ["a", "b"]) {
          const ns = got.filter((m) => m.payload.from === from).map((m) => m.payload.n)
          assert.strictEqual(ns.length, count)
          assert.isTrue(ns.every((n, i) => n === i), `messages from ${from} in order`)
        }
      })), 60_000)
  })

