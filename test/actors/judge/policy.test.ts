import * as fs from "node:fs"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import { defaultRulesPath, Policy, type PolicyStatus } from "../../../actors/judge/index.ts"
import { IronclawConfig } from "../../../config/IronclawConfig.ts"
import { tempDirScoped } from "../../support/tmp.ts"
import { RATE_LIMITS } from "./support.ts"

const doc = (rules: ReadonlyArray<object>) => JSON.stringify({ version: 1, rules, rateLimits: RATE_LIMITS })
const blockWord = (id: string, word: string) => ({ id, description: `blocks ${word}`, match: { pattern: word }, action: "block" })

/** Waits (real time) until the policy's status satisfies `ok`, or fails after `ms`. */
const waitFor = (policy: Policy["Service"], ok: (s: PolicyStatus) => boolean, ms = 3_000) =>
  Effect.gen(function*() {
    for (let waited = 0; waited < ms; waited += 10) {
      const status = yield* policy.status
      if (ok(status)) return status
      yield* Effect.sleep(10)
    }
    return yield* Effect.die(new Error(`policy status did not change within ${ms} ms: ${JSON.stringify(yield* policy.status)}`))
  })

const ids = (policy: Policy["Service"]) => Effect.map(policy.current, (p) => p.rules.map((r) => r.id))

describe("Policy hot reload", () => {
  it.live("a changed valid file takes effect; a broken one keeps the last good rules and says why", () =>
    Effect.gen(function*() {
      const dir = yield* tempDirScoped("ironclaw-judge-")
      const file = path.join(dir, "policy.json")
      fs.writeFileSync(file, doc([blockWord("first", "alpha")]))
      const policy = yield* Layer.build(Policy.layerFromFile(file, { pollIntervalMs: 20 })).pipe(Effect.map(Context.get(Policy)))
      assert.deepStrictEqual(yield* ids(policy), ["first"])
      assert.strictEqual((yield* policy.status).path, file)

      fs.writeFileSync(file, doc([blockWord("second", "beta"), blockWord("third", "gamma")]))
      const reloaded = yield* waitFor(policy, (s) => s.ruleCount === 2)
      assert.isUndefined(reloaded.lastError)
      assert.deepStrictEqual(yield* ids(policy), ["second", "third"])

      // a rule with a catastrophic regex: refused, the previous rules stay in force
      fs.writeFileSync(file, doc([blockWord("fine", "delta"), blockWord("slow", "(a+)+$")]))
      const broken = yield* waitFor(policy, (s) => s.lastError !== undefined)
      assert.deepStrictEqual(yield* ids(policy), ["second", "third"])
      assert.strictEqual(broken.lastError?._tag, "PolicyInvalid")
      if (broken.lastError?._tag === "PolicyInvalid") {
        assert.strictEqual(broken.lastError.source, file)
        assert.strictEqual(broken.lastError.ruleId, "slow")
        assert.strictEqual(broken.lastError.field, "rules[1].match.pattern")
      }

      // half-written JSON is refused the same way
      fs.writeFileSync(file, doc([blockWord("x", "y")]).slice(0, 20))
      const truncated = yield* waitFor(policy, (s) => s.lastError?._tag === "PolicyInvalid" && s.lastError.field === "(json)")
      assert.strictEqual(truncated.ruleCount, 2)

      // fixed: taken, and the error is cleared
      fs.writeFileSync(file, doc([blockWord("fixed", "epsilon")]))
      const fixed = yield* waitFor(policy, (s) => s.lastError === undefined)
      assert.strictEqual(fixed.ruleCount, 1)
      assert.deepStrictEqual(yield* ids(policy), ["fixed"])
    }).pipe(Effect.scoped))

  it.live("a deleted file keeps the rules; the same file put back is read again", () =>
    Effect.gen(function*() {
      const dir = yield* tempDirScoped("ironclaw-judge-")
      const file = path.join(dir, "policy.json")
      fs.writeFileSync(file, doc([blockWord("one", "alpha")]))
      const ctx = yield* Layer.build(Policy.layerFromFile(file, { pollIntervalMs: 20 }))
      const policy = Context.get(ctx, Policy)
      fs.rmSync(file)
      const gone = yield* waitFor(policy, (s) => s.lastError?._tag === "PolicyUnreadable")
      assert.match(gone.lastError!.message, /ENOENT/)
      assert.deepStrictEqual(yield* ids(policy), ["one"])
      fs.writeFileSync(file, doc([blockWord("one", "alpha"), blockWord("two", "beta")]))
      yield* waitFor(policy, (s) => s.lastError === undefined && s.ruleCount === 2)
    }).pipe(Effect.scoped))

  it.effect("a broken file at start fails the layer, naming the file, the rule and the field", () =>
    Effect.gen(function*() {
      const dir = yield* tempDirScoped("ironclaw-judge-")
      const file = path.join(dir, "policy.json")
      fs.writeFileSync(file, doc([blockWord("good", "x"), { ...blockWord("bad", "y"), action: "explode" }]))
      const error = yield* Effect.flip(Layer.build(Policy.layerFromFile(file)))
      assert.strictEqual(error._tag, "PolicyInvalid")
      assert.include(error.message, file)
      assert.include(error.message, `rule "bad" rules[1].action`)
      const missing = yield* Effect.flip(Layer.build(Policy.layerFromFile(path.join(dir, "nope.json"))))
      assert.strictEqual(missing._tag, "PolicyUnreadable")
    }).pipe(Effect.scoped))

  it.effect("the config's home holds the policy when it has one, else the shipped default is used", () =>
    Effect.gen(function*() {
      const home = yield* tempDirScoped("ironclaw-judge-home-")
      const fromHome = (pathOf: (s: PolicyStatus) => string | undefined) =>
        Effect.gen(function*() {
          const ctx = yield* Layer.build(Policy.layerFromConfig().pipe(Layer.provide(IronclawConfig.layerTest({ home }))))
          return pathOf(yield* (Context.get(ctx, Policy)).status)
        }).pipe(Effect.scoped)
      assert.strictEqual(yield* fromHome((s) => s.path), defaultRulesPath)
      fs.writeFileSync(path.join(home, "policy.json"), doc([blockWord("mine", "x")]))
      assert.strictEqual(yield* fromHome((s) => s.path), path.join(home, "policy.json"))
    }).pipe(Effect.scoped))

  it.effect("a policy.json in the home that cannot be read fails loudly instead of falling back", () =>
    Effect.gen(function*() {
      const home = yield* tempDirScoped("ironclaw-judge-home-")
      fs.mkdirSync(path.join(home, "policy.json"))
      const error = yield* Effect.flip(Layer.build(Policy.layerFromConfig().pipe(Layer.provide(IronclawConfig.layerTest({ home })))))
      assert.strictEqual(error._tag, "PolicyUnreadable")
      assert.include(error.message, path.join(home, "policy.json"))
    }).pipe(Effect.scoped))

  it.effect("the shipped default file loads", () =>
    Effect.gen(function*() {
      const ctx = yield* Layer.build(Policy.layerFromFile(defaultRulesPath))
      const status = yield* (Context.get(ctx, Policy)).status
      assert.isAbove(status.ruleCount, 20)
      assert.isUndefined(status.lastError)
    }).pipe(Effect.scoped))
})
