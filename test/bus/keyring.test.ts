import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Fiber, Layer, Redacted, Stream } from "effect"
import { Bus, BusSettings } from "../../bus/Bus.ts"
import { KeyRing } from "../../bus/KeyRing.ts"
import * as MemoryTransport from "../../bus/MemoryTransport.ts"
import { SubjectTable } from "../../bus/SubjectTable.ts"
import { Transport } from "../../bus/Transport.ts"
import type { ActorName } from "../../schemas/index.ts"
import { NAMESPACE, testSigned, testSubjects } from "../support/busFixtures.ts"

describe("distributed-mode keys", () => {
  it.effect("a process loads every public key and only its own signing key", () =>
    Effect.gen(function*() {
      const { file, seeds } = yield* KeyRing.generateKeysFile
      const ring = yield* KeyRing.fromKeysFile(JSON.stringify(file), { actor: "judge", seed: Redacted.make(seeds.judge) })
      assert.isDefined(ring.secretKey("judge"))
      assert.isUndefined(ring.secretKey("sanitizer"))
      assert.isDefined(ring.publicKey("sanitizer"))
    }))

  it.effect("a seed that is not the named actor's is refused", () =>
    Effect.gen(function*() {
      const { file, seeds } = yield* KeyRing.generateKeysFile
      const error = yield* Effect.flip(KeyRing.fromKeysFile(JSON.stringify(file), { actor: "judge", seed: Redacted.make(seeds.llm) }))
      assert.match(error.message, /the seed does not belong to judge/)
      assert.notInclude(error.message, seeds.llm)
    }))

  it.effect("malformed files and keys are refused with what was wrong", () =>
    Effect.gen(function*() {
      const { seeds } = yield* KeyRing.generateKeysFile
      const own = { actor: "judge" as const, seed: Redacted.make(seeds.judge) }
      assert.match((yield* Effect.flip(KeyRing.fromKeysFile("{", own))).message, /expected \{"version": 1/)
      const shortKey = JSON.stringify({ version: 1, publicKeys: { judge: "AAAA" } })
      assert.match((yield* Effect.flip(KeyRing.fromKeysFile(shortKey, own))).message, /public key of judge is 3 bytes, expected 32/)
      const stranger = JSON.stringify({ version: 1, publicKeys: { mallory: "AAAA" } })
      assert.match((yield* Effect.flip(KeyRing.fromKeysFile(stranger, own))).message, /"mallory" is not an actor/)
      const badSeed = { actor: "judge" as const, seed: Redacted.make("!!") }
      const { file } = yield* KeyRing.generateKeysFile
      assert.match((yield* Effect.flip(KeyRing.fromKeysFile(JSON.stringify(file), badSeed))).message, /IRONCLAW_ACTOR_KEY_SEED is not base64url/)
    }))

  it.live("two processes with their own keys: signatures verify across them, and neither can sign as the other", () =>
    Effect.gen(function*() {
      const { file, seeds } = yield* KeyRing.generateKeysFile
      const shared = yield* Layer.build(MemoryTransport.layer)
      const process = (actor: ActorName) =>
        Layer.build(Bus.layer.pipe(
          Layer.provide(Layer.succeedContext(shared)),
          Layer.provide(SubjectTable.layer(NAMESPACE, testSubjects)),
          Layer.provide(Layer.effect(KeyRing, KeyRing.fromKeysFile(JSON.stringify(file), { actor, seed: Redacted.make(seeds[actor]) }))),
          Layer.provide(Layer.succeed(BusSettings, BusSettings.defaultValue()))
        ))
      const sanitizerProcess = Context.get(yield* process("sanitizer"), Bus)
      const judgeProcess = Context.get(yield* process("judge"), Bus)
      const sub = yield* judgeProcess.client("judge").subscribe(testSigned)
      const got = yield* Stream.take(sub.messages, 1).pipe(Stream.runCollect, Effect.forkChild)
      yield* sanitizerProcess.client("sanitizer").publish(testSigned, { n: 1, from: "sanitizer process" })
      const [message] = yield* Fiber.join(got)
      assert.strictEqual(message!.payload.from, "sanitizer process")
      const cannot = yield* Effect.flip(judgeProcess.client("sanitizer").publish(testSigned, { n: 2, from: "judge posing" }))
      assert.strictEqual(cannot._tag, "InvalidSignature")
      void Transport
    }).pipe(Effect.scoped))
})
