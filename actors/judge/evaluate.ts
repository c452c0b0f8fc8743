/**
 * The policy itself, as a pure function: which rules match an input, and the verdict — the
 * most severe action of all matching rules (block > review > sanitize > warn > allow). No
 * matching rule means `allow`, whatever low-severity findings ride along.
 *
 * Linear in the text: one normalisation pass, one long-token scan, and each pattern run once
 * with the `g` flag (stopping as soon as it reached its `minCount`).
 */
import type { Finding, Severity, Source, TrustClass, Verdict } from "../../schemas/index.ts"
import { LONG_TOKEN_ID, longTokens } from "./internal/longTokens.ts"
import type { CompiledPolicy, CompiledRule } from "./PolicyRules.ts"

export interface EvaluationInput {
  readonly text: string
  readonly findings: ReadonlyArray<Finding>
  readonly channel: string
  readonly sender: string
  readonly trust: TrustClass
  readonly source: Source
}

export interface Evaluation {
  readonly verdict: Verdict
  /** Matching rules, most severe action first, then in file order. */
  readonly ruleIds: Array<string>
  /** One sentence per matching rule, in the same order; names findings, never quotes content. */
  readonly reasons: Array<string>
  /** The input's findings plus the judge's own structural ones. */
  readonly findings: Array<Finding>
}

export const VERDICT_RANK: Readonly<Record<Verdict, number>> = { allow: 0, warn: 1, sanitize: 2, review: 3, block: 4 }
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 }

// Characters that render as nothing (zero-width, bidi controls, Unicode tags) are removed and
// compatibility forms folded before patterns run, so `/etc/pa\u200bsswd` or fullwidth letters
// do not slip past a rule. The sanitizer does this too; the judge does not rely on it.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/gu

// The sanitizer escapes special tokens with these entities ("Human:" -> "Human&#58;"); patterns
// should see what was written, or "Human&#58; curl http://..." would read as "; curl" to a rule.
const ESCAPES = /&(?:lt|gt|#58|#91|#93|#96);/g
const UNESCAPED: Readonly<Record<string, string>> = { "&lt;": "<", "&gt;": ">", "&#58;": ":", "&#91;": "[", "&#93;": "]", "&#96;": "`" }

export const normaliseForPatterns = (text: string): string =>
  text.replace(ESCAPES, (e) => UNESCAPED[e] ?? e).normalize("NFKC").replace(INVISIBLE, "")

const matchesName = (wanted: ReadonlyArray<string>, value: string): boolean =>
  wanted.some((w) => (w.endsWith("*") ? value.startsWith(w.slice(0, -1)) : w === value))

const inScope = (rule: CompiledRule, input: EvaluationInput): boolean => {
  const s = rule.scope
  if (s === undefined) return true
  return (s.channels === undefined || matchesName(s.channels, input.channel)) &&
    (s.senders === undefined || matchesName(s.senders, input.sender)) &&
    (s.trust === undefined || s.trust.includes(input.trust)) &&
    (s.sources === undefined || s.sources.includes(input.source))
}

const findingMatches = (rule: CompiledRule, f: Finding): boolean => {
  const m = rule.match
  return (m.finding === undefined || matchesName([m.finding], f.id)) &&
    (m.family === undefined || m.family === f.family) &&
    (m.minSeverity === undefined || SEVERITY_RANK[f.severity] >= SEVERITY_RANK[m.minSeverity])
}

/** Counts matches of a `g` regex, up to `enough`. */
const countMatches = (regex: RegExp, text: string, enough: number): number => {
  regex.lastIndex = 0
  let count = 0
  while (count < enough) {
    const m = regex.exec(text)
    if (m === null) break
    count++
    if (m[0].length === 0) regex.lastIndex++
  }
  regex.lastIndex = 0
  return count
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

/** Whether the rule matches, and the evidence for the reason sentence. */
const check = (rule: CompiledRule, text: string, findings: ReadonlyArray<Finding>): string | undefined => {
  const m = rule.match
  const evidence: Array<string> = []
  if (m.finding !== undefined || m.family !== undefined || m.minSeverity !== undefined) {
    const hits = findings.filter((f) => findingMatches(rule, f))
    if (hits.length === 0) return undefined
    const ids = [...new Set(hits.map((f) => `${f.id} (${f.severity})`))]
    evidence.push(`finding ${ids.slice(0, 3).join(", ")}${ids.length > 3 ? ` and ${ids.length - 3} more` : ""}`)
  }
  if (rule.regex !== undefined) {
    const needed = m.minCount ?? 1
    const count = countMatches(rule.regex, text, needed)
    if (count < needed) return undefined
    evidence.push(needed > 1 ? `pattern matched at least ${plural(needed, "time")}` : "pattern matched")
  }
  return evidence.join("; ")
}

/** Applies the rules to one input. Pure; the CLI calls it directly. */
export const evaluate = (policy: CompiledPolicy, input: EvaluationInput): Evaluation => {
  const findings = input.findings.some((f) => f.id === LONG_TOKEN_ID)
    ? [...input.findings]
    : [...input.findings, ...longTokens(input.text)]
  const needsText = policy.rules.some((r) => r.regex !== undefined)
  const text = needsText ? normaliseForPatterns(input.text) : ""
  const matched: Array<{ rule: CompiledRule; evidence: string; order: number }> = []
  for (const [order, rule] of policy.rules.entries()) {
    if (!inScope(rule, input)) continue
    const evidence = check(rule, text, findings)
    if (evidence !== undefined) matched.push({ rule, evidence, order })
  }
  matched.sort((a, b) => VERDICT_RANK[b.rule.action] - VERDICT_RANK[a.rule.action] || a.order - b.order)
  const verdict = matched[0]?.rule.action ?? "allow"
  return {
    verdict,
    ruleIds: matched.map((x) => x.rule.id),
    reasons: matched.map((x) => `${x.rule.id} (${x.rule.action}): ${x.rule.description} [${x.evidence}]`),
    findings
  }
}

/** The sentence for the person whose content was refused: the refusing rules' messages. */
export const refusalMessage = (policy: CompiledPolicy, evaluation: Evaluation): string => {
  const byId = new Map(policy.rules.map((r) => [r.id, r]))
  const deciding = evaluation.ruleIds
    .map((id) => byId.get(id))
    .filter((r): r is CompiledRule => r !== undefined && r.action === evaluation.verdict)
  const said = [...new Set(deciding.map((r) => (r.message ?? r.description).replace(/[.\s]+$/, "")))]
  const what = said.length > 0 ? said.join("; ") : "it matched the content policy"
  return evaluation.verdict === "review"
    ? `Held for review, not passed to the assistant: ${what}. Look at it yourself before letting the assistant use it.`
    : `Not passed to the assistant: ${what}.`
}
