import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import { compilePolicy, parsePolicy, type PolicyInvalid } from "../../../actors/judge/index.ts"
import { unsafeRegexShape } from "../../../actors/judge/internal/regexShape.ts"
import { RATE_LIMITS } from "./support.ts"

const rule = (id: string, match: object, extra: object = {}) => ({ id, description: `rule ${id}`, match, action: "block", ...extra })

const errorOf = (rules: ReadonlyArray<unknown>, rateLimits: unknown = RATE_LIMITS): PolicyInvalid => {
  const result = compilePolicy({ version: 1, rules, rateLimits }, "rules.json")
  assert.isTrue(Result.isFailure(result), "expected the rules to be refused")
  return (result as Result.Failure<never, PolicyInvalid>).failure
}

describe("policy rule validation", () => {
  it("accepts a well-formed document", () => {
    const result = compilePolicy({
      version: 1,
      rules: [rule("a", { pattern: "foo", minCount: 2 }), rule("b", { finding: "secret.*" }, { scope: { trust: ["untrusted"] } })],
      rateLimits: RATE_LIMITS
    }, "rules.json")
    assert.isTrue(Result.isSuccess(result))
  })

  it("refuses duplicate ids, naming the id and both places", () => {
    const error = errorOf([rule("dup", { family: "secret" }), rule("other", { family: "size" }), rule("dup", { pattern: "x" })])
    assert.strictEqual(error.ruleId, "dup")
    assert.strictEqual(error.field, "rules[2].id")
    assert.match(error.message, /rules\.json: rule "dup" rules\[2\]\.id: duplicate id \(first used by rules\[0\]\)/)
  })

  it("refuses a match with no criterion", () => {
    const error = errorOf([rule("empty", {})])
    assert.strictEqual(error.ruleId, "empty")
    assert.strictEqual(error.field, "rules[0].match")
    assert.match(error.detail, /no criterion/)
  })

  it("refuses minCount without a pattern", () => {
    const error = errorOf([rule("count", { family: "injection", minCount: 3 })])
    assert.strictEqual(error.field, "rules[0].match.minCount")
  })

  it("refuses a regex that does not compile", () => {
    const error = errorOf([rule("ok", { pattern: "fine" }), rule("broken", { pattern: "(unclosed" })])
    assert.strictEqual(error.ruleId, "broken")
    assert.strictEqual(error.field, "rules[1].match.pattern")
    assert.match(error.detail, /does not compile/)
  })

  it("refuses a regex that matches the empty string", () => {
    assert.match(errorOf([rule("empty-match", { pattern: "a*" })]).detail, /empty string/)
  })

  for (const pattern of ["(a+)+$", "(\\w*)*x", "(.*a){12}", "(?:x\\s{0,3})+y", "((ab)+c)*", "(?<name>[a-z]+)+"]) {
    it(`refuses the catastrophic-backtracking shape ${pattern}`, () => {
      const error = errorOf([rule("redos", { pattern })])
      assert.strictEqual(error.ruleId, "redos")
      assert.strictEqual(error.field, "rules[0].match.pattern")
      assert.match(error.detail, /nested quantifier/)
    })
  }

  it("refuses an unbounded {n,} with n over 1000", () => {
    assert.match(errorOf([rule("huge", { pattern: "a{1001,}" })]).detail, /more than 1000/)
    assert.isUndefined(unsafeRegexShape("a{1000,}"))
  })

  it("passes flat and fixed-count shapes that cannot blow up", () => {
    for (const safe of ["(?:ab|cd)+", "(a{2})*", "[(+*)]+", "\\(a+\\)+", "foo\\s{1,8}bar", "(?<=x)y+", "(?:https?|ftp)://\\S{1,100}"]) {
      assert.isUndefined(unsafeRegexShape(safe), safe)
    }
  })

  it("refuses an unknown action, naming the rule and the field", () => {
    const error = errorOf([rule("a", { pattern: "x" }), { ...rule("bad-action", { pattern: "y" }), action: "delete" }])
    assert.strictEqual(error.ruleId, "bad-action")
    assert.strictEqual(error.field, "rules[1].action")
  })

  it("refuses an unknown key, so a misspelt scope cannot silently widen a rule", () => {
    const error = errorOf([rule("typo", { pattern: "x" }, { scope: { channel: ["cli"] } })])
    assert.strictEqual(error.ruleId, "typo")
    assert.strictEqual(error.field, "rules[0].scope.channel")
  })

  it("refuses a `*` that does not end a finding id", () => {
    assert.strictEqual(errorOf([rule("star", { finding: "secret.*.x" })]).field, "rules[0].match.finding")
  })

  it("refuses bad rate limits, naming the field", () => {
    const error = errorOf([], { perSender: { capacity: 0, refillPerSecond: 1 }, perChannel: RATE_LIMITS.perChannel })
    assert.isUndefined(error.ruleId)
    assert.strictEqual(error.field, "rateLimits.perSender.capacity")
  })

  it("refuses text that is not JSON, and a wrong version", () => {
    const notJson = parsePolicy("{ rules: ", "policy.json")
    assert.isTrue(Result.isFailure(notJson))
    if (Result.isFailure(notJson)) {
      assert.strictEqual(notJson.failure.field, "(json)")
      assert.match(notJson.failure.message, /^invalid policy policy\.json: \(json\): not valid JSON/)
    }
    const wrongVersion = parsePolicy(JSON.stringify({ version: 2, rules: [], rateLimits: RATE_LIMITS }), "policy.json")
    assert.isTrue(Result.isFailure(wrongVersion) && wrongVersion.failure.field === "version")
  })
})
