// Minimal inbound secret detector (after gitleaks' rules for the same providers). Each regex
// starts with a distinctive literal and has only bounded, unambiguous quantifiers; none ends with
// a look-around after a long run, so a near-miss costs at most the run's length once.
// One case-insensitive pass (an automaton of every rule's opening literals, automaton.ts) finds
// where they occur; a rule's regex is then tried only there, as a sticky copy: the same matches
// as a global scan, since none can start anywhere else, without the regex engine walking the
// whole text once per rule.
import { buildAutomaton, findStarts } from "./automaton.ts"
import type { Finding } from "./engine.ts"

export interface SecretRule {
  readonly id: string
  readonly kind: string
  readonly re: RegExp
  /** every match starts with one of these (case-insensitively when `re` has the i flag) */
  readonly starts: ReadonlyArray<string>
  /** instead of `starts`: every match contains this; with it, the rule scans the whole text */
  readonly needs?: string
  /** extra check on the match (entropy, exclusions) */
  readonly accept?: (match: string) => boolean
}

const shannon = (s: string): number => {
  const counts = new Map<string, number>()
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1)
  let h = 0
  for (const n of counts.values()) {
    const p = n / s.length
    h -= p * Math.log2(p)
  }
  return h
}

const looksRandom = (v: string): boolean =>
  v.length >= 16 && shannon(v) >= 3.5 && /[0-9]/.test(v) && /[a-zA-Z]/.test(v) && !/^[a-z]+(?:[_-][a-z]+)+$/.test(v)

export const SECRET_RULES: ReadonlyArray<SecretRule> = [
  { id: "secret.aws-access-key", kind: "AWS access key id", re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z2-7])/g, starts: ["A3T", "AKIA", "ASIA", "ABIA", "ACCA"] },
  { id: "secret.github-token", kind: "GitHub token", re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}/g, starts: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] },
  { id: "secret.github-pat", kind: "GitHub fine-grained personal access token", re: /\bgithub_pat_[A-Za-z0-9_]{82}/g, starts: ["github_pat_"] },
  { id: "secret.anthropic-key", kind: "Anthropic API key", re: /\bsk-ant-[A-Za-z0-9_-]{80,200}/g, starts: ["sk-ant-"] },
  { id: "secret.openai-key", kind: "OpenAI API key", re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{30,200}/g, starts: ["sk-"] },
  { id: "secret.openai-key", kind: "OpenAI API key", re: /\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}/g, starts: ["sk-"] },
  { id: "secret.openai-key", kind: "OpenAI-style API key", re: /\bsk-[A-Za-z0-9]{32,64}(?![A-Za-z0-9])/g, starts: ["sk-"], accept: looksRandom },
  { id: "secret.slack-token", kind: "Slack token", re: /\bxox[abposre]-[0-9]{6,13}-[A-Za-z0-9-]{8,100}/g, starts: ["xox"] },
  { id: "secret.slack-webhook", kind: "Slack webhook URL", re: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+\/]{43,56}/g, starts: ["hooks.slack.com/"] },
  { id: "secret.stripe-key", kind: "Stripe secret key", re: /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99}/g, starts: ["sk_", "rk_"] },
  { id: "secret.sendgrid-key", kind: "SendGrid API key", re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/g, starts: ["SG."] },
  { id: "secret.bearer-token", kind: "bearer token", re: /\bBearer[ \t]{1,3}[A-Za-z0-9_\-.~+\/]{20,500}/g, starts: ["Bearer"], accept: (m) => looksRandom(m.replace(/^Bearer\s+/, "")) },
  { id: "secret.google-api-key", kind: "Google API key", re: /\bAIza[0-9A-Za-z_-]{35}/g, starts: ["AIza"] },
  { id: "secret.private-key", kind: "private key (PEM)", re: /-----BEGIN[ A-Z0-9_-]{0,64}PRIVATE KEY(?: BLOCK)?-----/g, starts: ["-----BEGIN"] },
  // the look-behind makes a JWT start only where a token run starts, so "ey-ey-ey..." near-misses
  // are scanned once, not once per "ey"
  { id: "secret.jwt", kind: "JSON Web Token", re: /(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]{10,1000}\.ey[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{10,1000}/g, starts: [], needs: ".ey" },
  {
    id: "secret.generic-assignment", kind: "high-entropy credential assignment",
    re: /(?:api[_-]?key|apikey|secret[_-]?key|client[_-]?secret|access[_-]?key|auth[_-]?token|access[_-]?token|secret|token|password|passwd)["']?\s{0,3}[:=]\s{0,3}["']?[A-Za-z0-9_\-+\/=.~]{16,200}/gi,
    starts: ["api", "secret", "client", "access", "auth", "token", "passw"],
    accept: (m) => looksRandom(m.replace(/^[^:=]*[:=]\s*["']?/, ""))
  }
]

const LITERALS = [...new Set(SECRET_RULES.flatMap((r) => [...r.starts, ...(r.needs !== undefined ? [r.needs] : [])]))]
// every literal case-insensitively, as a RegExp alternation of them with the i flag would find them
const ANY_LITERAL = buildAutomaton(LITERALS, { wordStarts: false, caseless: true })
// sticky copies, tried at one position each
const STICKY = new Map(SECRET_RULES.map((r) => [r, new RegExp(r.re.source, r.re.flags.replace("g", "") + "y")]))

// every opening literal (and `needs` literal) with its rule, by lower-cased first code unit
interface Opener { readonly literal: string; readonly caseless: boolean; readonly rule: number; readonly needs: boolean }
const OPENERS = new Map<number, Array<Opener>>()
SECRET_RULES.forEach((r, rule) => {
  for (const [literal, needs] of [...r.starts.map((l) => [l, false] as const), ...(r.needs !== undefined ? [[r.needs, true] as const] : [])]) {
    const key = literal.toLowerCase().charCodeAt(0)
    const list = OPENERS.get(key) ?? []
    list.push({ literal, caseless: r.re.ignoreCase, rule, needs })
    OPENERS.set(key, list)
  }
})

const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c)

/** `literal` at p: exactly, or with ASCII case folded (what a non-unicode /i regex folds) */
const literalAt = (text: string, p: number, literal: string, caseless: boolean): boolean => {
  if (!caseless) return text.startsWith(literal, p)
  if (p + literal.length > text.length) return false
  for (let i = 0; i < literal.length; i++) if (lower(text.charCodeAt(p + i)) !== lower(literal.charCodeAt(i))) return false
  return true
}

export const scanSecrets = (text: string): Array<Finding> => {
  const findings: Array<Finding> = []
  // each rule's candidate positions, ascending (overlapping literal occurrences too)
  const at: Array<Array<number> | undefined> = []
  const needed: Array<boolean> = []
  for (const p of findStarts(text, [ANY_LITERAL])) {
    for (const o of OPENERS.get(lower(text.charCodeAt(p))) ?? []) {
      if (!literalAt(text, p, o.literal, o.caseless)) continue
      if (o.needs) needed[o.rule] = true
      else {
        const list = (at[o.rule] ??= [])
        if (list[list.length - 1] !== p) list.push(p)
      }
    }
  }
  SECRET_RULES.forEach((rule, r) => {
    if (rule.needs !== undefined) {
      if (needed[r] === true) scanRule(rule, text, rule.re, findings)
      return
    }
    const sticky = STICKY.get(rule) as RegExp
    let from = 0
    for (const p of at[r] ?? []) {
      if (p < from) continue
      sticky.lastIndex = p
      const m = sticky.exec(text)
      if (m === null) continue
      report(rule, m, findings)
      from = p + m[0].length
    }
  })
  return findings
}

/** The plain global scan of one rule (the definition, and the fallback). */
export const scanRule = (rule: SecretRule, text: string, re: RegExp, findings: Array<Finding>): void => {
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) report(rule, m, findings)
}

const report = (rule: SecretRule, m: RegExpExecArray, findings: Array<Finding>): void => {
  // a rejected candidate is skipped whole: restarting inside it would rescan the same run
  // once per keyword it contains ("api_key=api_key=...")
  if (rule.accept !== undefined && !rule.accept(m[0])) return
  if (findings.some((f) => f.span[0] <= m.index && f.span[1] >= m.index + m[0].length)) return
  findings.push({
    id: rule.id,
    family: "secret",
    severity: "critical",
    span: [m.index, m.index + m[0].length],
    message: `${rule.kind} (${m[0].length} characters at offset ${m.index}); secrets must not be sent to the assistant`
  })
}
