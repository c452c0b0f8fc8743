/**
 * The rules file: its Schema, and `compilePolicy`, which validates a parsed document beyond
 * what a Schema says (unique ids, at least one criterion, regexes that compile and cannot
 * backtrack catastrophically) and compiles each pattern once.
 */
import { Result, Schema, SchemaIssue } from "effect"
import { Severity, Source, TrustClass, Verdict } from "../../schemas/index.ts"
import { unsafeRegexShape } from "./internal/regexShape.ts"
import { PolicyInvalid } from "./PolicyError.ts"

const NonEmpty = Schema.String.check(Schema.isMinLength(1))
const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0))
const PositiveNumber = Schema.Number.check(Schema.isGreaterThan(0))

export const RuleMatch = Schema.Struct({
  /** An exact finding id (`secret.jwt`) or a prefix ending in `*` (`secret.*`). */
  finding: Schema.optionalKey(NonEmpty),
  /** A finding family (`injection`, `secret`, ...). */
  family: Schema.optionalKey(NonEmpty),
  /** Alone: any finding at least this severe. With `finding`/`family`: narrows them. */
  minSeverity: Schema.optionalKey(Severity),
  /** A regex source, compiled with flags `iu`, run over the sanitized text. */
  pattern: Schema.optionalKey(NonEmpty.check(Schema.isMaxLength(2000))),
  /** The pattern must match at least this many times (default 1). */
  minCount: Schema.optionalKey(PositiveInt.check(Schema.isLessThanOrEqualTo(10_000)))
})
export type RuleMatch = typeof RuleMatch.Type

/** Every list given must contain the input's value; an absent list matches everything. */
export const RuleScope = Schema.Struct({
  /** Exact channel names or prefixes ending in `*` (`webhook:*`). */
  channels: Schema.optionalKey(Schema.Array(NonEmpty)),
  /** Exact sender names or prefixes ending in `*`. */
  senders: Schema.optionalKey(Schema.Array(NonEmpty)),
  trust: Schema.optionalKey(Schema.Array(TrustClass)),
  sources: Schema.optionalKey(Schema.Array(Source))
})
export type RuleScope = typeof RuleScope.Type

export const PolicyRule = Schema.Struct({
  id: NonEmpty.check(Schema.isMaxLength(128)),
  description: NonEmpty,
  match: RuleMatch,
  action: Verdict,
  scope: Schema.optionalKey(RuleScope),
  /** Said to the person when this rule refuses their content; never quotes the content. */
  message: Schema.optionalKey(NonEmpty)
})
export type PolicyRule = typeof PolicyRule.Type

export const Bucket = Schema.Struct({ capacity: PositiveInt, refillPerSecond: PositiveNumber })
export type Bucket = typeof Bucket.Type

export const RateLimits = Schema.Struct({ perSender: Bucket, perChannel: Bucket })
export type RateLimits = typeof RateLimits.Type

export const PolicyDocument = Schema.Struct({
  version: Schema.Literal(1),
  /** JSON has no comments: free text for the people who edit the file. */
  notes: Schema.optionalKey(Schema.Array(Schema.String)),
  rules: Schema.Array(PolicyRule),
  rateLimits: RateLimits
})
export type PolicyDocument = typeof PolicyDocument.Type

/** A rule with its pattern compiled (flags `giu`: `g` so one pass counts matches). */
export interface CompiledRule extends PolicyRule {
  readonly regex: RegExp | undefined
}

/** Validated rules, ready for `evaluate`. */
export interface CompiledPolicy {
  readonly version: 1
  readonly rules: ReadonlyArray<CompiledRule>
  readonly rateLimits: RateLimits
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((acc, key) => typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`, "")

const idAt = (document: unknown, index: number): string | undefined => {
  if (typeof document !== "object" || document === null || !("rules" in document) || !Array.isArray(document.rules)) return undefined
  const rule: unknown = document.rules[index]
  return typeof rule === "object" && rule !== null && "id" in rule && typeof rule.id === "string" ? rule.id : undefined
}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const compileRule = (rule: PolicyRule, index: number, source: string): Result.Result<CompiledRule, PolicyInvalid> => {
  const invalid = (field: string, detail: string) =>
    Result.fail(new PolicyInvalid({ source, ruleId: rule.id, field: `rules[${index}].${field}`, detail }))
  const m = rule.match
  if (m.finding === undefined && m.family === undefined && m.minSeverity === undefined && m.pattern === undefined) {
    return invalid("match", "has no criterion; give at least one of finding, family, minSeverity, pattern")
  }
  if (m.minCount !== undefined && m.pattern === undefined) return invalid("match.minCount", "needs a pattern to count")
  if (m.finding !== undefined && m.finding.indexOf("*") !== -1 && m.finding.indexOf("*") !== m.finding.length - 1) {
    return invalid("match.finding", "a `*` may only end the id, as a prefix match")
  }
  if (m.pattern === undefined) return Result.succeed({ ...rule, regex: undefined })
  const shape = unsafeRegexShape(m.pattern)
  if (shape !== undefined) return invalid("match.pattern", shape)
  const pattern = m.pattern
  const compiled = Result.try({ try: () => new RegExp(pattern, "giu"), catch: (error) => (error as Error).message })
  if (Result.isFailure(compiled)) return invalid("match.pattern", `does not compile: ${compiled.failure}`)
  const regex = compiled.success
  if (regex.test("")) return invalid("match.pattern", "matches the empty string, so it would match every message")
  regex.lastIndex = 0
  return Result.succeed({ ...rule, regex })
}

/**
 * Validates a parsed rules document (unknown keys are errors: a misspelt `scope` key must not
 * silently widen a rule to everyone) and compiles it. `source` names the file in errors.
 * Errors name the rule (by id) and the field.
 */
export const compilePolicy = (document: unknown, source: string): Result.Result<CompiledPolicy, PolicyInvalid> => {
  const decoded = Schema.decodeUnknownResult(PolicyDocument)(document, { onExcessProperty: "error" })
  if (Result.isFailure(decoded)) {
    const first = formatter(decoded.failure.issue).issues[0]
    const path = first?.path ?? []
    const ruleIndex = path[0] === "rules" && typeof path[1] === "number" ? path[1] : undefined
    const ruleId = ruleIndex !== undefined ? idAt(document, ruleIndex) : undefined
    return Result.fail(
      new PolicyInvalid({
        source,
        ...(ruleId !== undefined ? { ruleId } : {}),
        field: path.length === 0 ? "(document)" : formatPath(path.map((p) => (typeof p === "object" && p !== null && "key" in p ? p.key : p) as PropertyKey)),
        detail: first?.message ?? decoded.failure.message
      })
    )
  }
  const seen = new Map<string, number>()
  const rules: Array<CompiledRule> = []
  for (const [index, rule] of decoded.success.rules.entries()) {
    const earlier = seen.get(rule.id)
    if (earlier !== undefined) {
      return Result.fail(new PolicyInvalid({ source, ruleId: rule.id, field: `rules[${index}].id`, detail: `duplicate id (first used by rules[${earlier}])` }))
    }
    seen.set(rule.id, index)
    const compiled = compileRule(rule, index, source)
    if (Result.isFailure(compiled)) return Result.fail(compiled.failure)
    rules.push(compiled.success)
  }
  return Result.succeed({ version: 1, rules, rateLimits: decoded.success.rateLimits })
}

/** Parses JSON text, then `compilePolicy`. */
export const parsePolicy = (text: string, source: string): Result.Result<CompiledPolicy, PolicyInvalid> => {
  const document = Result.try({ try: (): unknown => JSON.parse(text), catch: (error) => (error as Error).message })
  return Result.isFailure(document)
    ? Result.fail(new PolicyInvalid({ source, field: "(json)", detail: `not valid JSON: ${document.failure}` }))
    : compilePolicy(document.success, source)
}
