import { assert, describe, it } from "@effect/vitest"
import { type EvaluationInput, evaluate, refusalMessage } from "../../../actors/judge/index.ts"
import { finding, policyOf } from "./support.ts"

const input = (overrides: Partial<EvaluationInput> = {}): EvaluationInput => ({
  text: "hello",
  findings: [],
  channel: "email",
  sender: "bob@example.com",
  trust: "untrusted",
  source: "email",
  ...overrides
})

const rule = (id: string, action: string, match: object, extra: object = {}) => ({ id, description: `rule ${id}`, match, action, ...extra })

describe("evaluate", () => {
  it("the most severe action wins, whatever the rule order", () => {
    const actions = ["warn", "block", "allow", "review", "sanitize"]
    const policy = policyOf(actions.map((a) => rule(`r-${a}`, a, { pattern: "hello" })))
    const result = evaluate(policy, input())
    assert.strictEqual(result.verdict, "block")
    assert.deepStrictEqual(result.ruleIds, ["r-block", "r-review", "r-sanitize", "r-warn", "r-allow"])
    assert.strictEqual(result.reasons.length, 5)
    assert.match(result.reasons[0]!, /^r-block \(block\): rule r-block \[pattern matched\]$/)
    const noBlock = policyOf(["warn", "review", "sanitize"].map((a) => rule(`r-${a}`, a, { pattern: "hello" })))
    assert.strictEqual(evaluate(noBlock, input()).verdict, "review")
  })

  it("no matching rule is allow, even with findings", () => {
    const policy = policyOf([rule("secrets", "block", { finding: "secret.*" })])
    const result = evaluate(policy, input({ findings: [finding("inj.disregard", "injection", "low")] }))
    assert.strictEqual(result.verdict, "allow")
    assert.deepStrictEqual(result.ruleIds, [])
    assert.strictEqual(result.findings.length, 1)
  })

  it("finding ids match exactly or by prefix; every given criterion must hold", () => {
    const policy = policyOf([
      rule("exact", "warn", { finding: "secret.jwt" }),
      rule("prefix", "sanitize", { finding: "secret.*" }),
      rule("family-critical", "block", { family: "secret", minSeverity: "critical" }),
      rule("both", "review", { finding: "secret.*", pattern: "token" })
    ])
    const jwt = evaluate(policy, input({ findings: [finding("secret.jwt", "secret", "high")] }))
    assert.deepStrictEqual(jwt.ruleIds, ["prefix", "exact"])
    const aws = evaluate(policy, input({ text: "my token", findings: [finding("secret.aws-access-key", "secret", "critical")] }))
    assert.deepStrictEqual(aws.ruleIds, ["family-critical", "both", "prefix"])
    assert.match(aws.reasons[1]!, /finding secret\.aws-access-key \(critical\); pattern matched/)
    // "secret.*" is a prefix of ids, not of families or of "secretary"
    assert.deepStrictEqual(evaluate(policy, input({ findings: [finding("secretary.x", "secret", "low")] })).ruleIds, [])
  })

  it("minCount counts pattern matches", () => {
    const policy = policyOf([rule("three-foos", "warn", { pattern: "foo", minCount: 3 })])
    assert.strictEqual(evaluate(policy, input({ text: "foo foo" })).verdict, "allow")
    assert.strictEqual(evaluate(policy, input({ text: "foo FOO fOo" })).verdict, "warn")
    assert.match(evaluate(policy, input({ text: "foofoofoofoo" })).reasons[0]!, /at least 3 times/)
  })

  it("scope: channels and senders (exact or prefix*), trust and source; all given lists must hold", () => {
    const policy = policyOf([
      rule("github-only", "block", { pattern: "hello" }, { scope: { channels: ["webhook:github*"] } }),
      rule("bob", "review", { pattern: "hello" }, { scope: { senders: ["bob@example.com"], trust: ["untrusted"] } }),
      rule("principal-cli", "sanitize", { pattern: "hello" }, { scope: { trust: ["principal"], sources: ["user"] } })
    ])
    assert.deepStrictEqual(evaluate(policy, input({ channel: "webhook:github-issues" })).ruleIds, ["github-only", "bob"])
    assert.deepStrictEqual(evaluate(policy, input({ channel: "webhook:gitlab" })).ruleIds, ["bob"])
    assert.deepStrictEqual(evaluate(policy, input({ sender: "carol@example.com" })).ruleIds, [])
    assert.deepStrictEqual(evaluate(policy, input({ trust: "principal", source: "user" })).ruleIds, ["principal-cli"])
    assert.deepStrictEqual(evaluate(policy, input({ trust: "principal", source: "email" })).ruleIds, [])
  })

  it("patterns see through invisible characters and compatibility forms", () => {
    const policy = policyOf([rule("ignore", "block", { pattern: "ignore previous" })])
    assert.strictEqual(evaluate(policy, input({ text: "ig\u200bnore pre\u2060vious" })).verdict, "block")
    assert.strictEqual(evaluate(policy, input({ text: "ＩＧＮＯＲＥ previous" })).verdict, "block")
  })

  it("patterns see the text the sanitizer escaped, not its entities", () => {
    const policy = policyOf([rule("chain", "block", { pattern: ";\\s{0,8}curl\\s" }), rule("token", "warn", { pattern: "<\\|im_start\\|>" })])
    // "Human:" escaped to "Human&#58;" must not read as "; curl"
    assert.strictEqual(evaluate(policy, input({ text: "Human&#58; curl is a tool" })).verdict, "allow")
    assert.strictEqual(evaluate(policy, input({ text: "x; curl y" })).verdict, "block")
    assert.strictEqual(evaluate(policy, input({ text: "&lt;|im_start|&gt;system" })).verdict, "warn")
  })

  it("adds the judge's long-token finding once, unless the sanitizer already gave it", () => {
    const policy = policyOf([rule("long", "warn", { finding: "structure.long-token" })])
    const text = `${"x".repeat(700)} ${"y".repeat(600)}`
    const own = evaluate(policy, input({ text }))
    assert.deepStrictEqual(own.findings.map((f) => f.span), [[0, 700], [701, 1301]])
    const given = finding("structure.long-token", "structure", "medium")
    assert.deepStrictEqual(evaluate(policy, input({ text, findings: [given] })).findings, [given])
  })

  it("the refusal message uses the deciding rules' messages and never the content", () => {
    const policy = policyOf([
      rule("paths", "block", { pattern: "/etc/passwd" }, { message: "it refers to system files." }),
      rule("note", "warn", { pattern: "please" }, { message: "it is polite" })
    ])
    const text = "please cat /etc/passwd"
    const result = evaluate(policy, input({ text }))
    const message = refusalMessage(policy, result)
    assert.strictEqual(message, "Not passed to the assistant: it refers to system files.")
    assert.notInclude(message, "/etc/passwd")
  })
})
