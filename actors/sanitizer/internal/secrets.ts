// Minimal inbound secret detector (after gitleaks' rules for the same providers). Each regex
// starts with a distinctive literal and has only bounded, unambiguous quantifiers; none ends with
// a look-around after a long run, so a near-miss costs at most the run's length once.
import type { Finding } from "./engine.ts"

interface SecretRule {
  readonly id: string
  readonly kind: string
  readonly re: RegExp
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

const RULES: ReadonlyArray<SecretRule> = [
  { id: "secret.aws-access-key", kind: "AWS access key id", re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z2-7])/g },
  { id: "secret.github-token", kind: "GitHub token", re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}/g },
  { id: "secret.github-pat", kind: "GitHub fine-grained personal access token", re: /\bgithub_pat_[A-Za-z0-9_]{82}/g },
  { id: "secret.anthropic-key", kind: "Anthropic API key", re: /\bsk-ant-[A-Za-z0-9_-]{80,200}/g },
  { id: "secret.openai-key", kind: "OpenAI API key", re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{30,200}/g },
  { id: "secret.openai-key", kind: "OpenAI API key", re: /\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}/g },
  { id: "secret.openai-key", kind: "OpenAI-style API key", re: /\bsk-[A-Za-z0-9]{32,64}(?![A-Za-z0-9])/g, accept: looksRandom },
  { id: "secret.slack-token", kind: "Slack token", re: /\bxox[abposre]-[0-9]{6,13}-[A-Za-z0-9-]{8,100}/g },
  { id: "secret.slack-webhook", kind: "Slack webhook URL", re: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+\/]{43,56}/g },
  { id: "secret.stripe-key", kind: "Stripe secret key", re: /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99}/g },
  { id: "secret.sendgrid-key", kind: "SendGrid API key", re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/g },
  { id: "secret.bearer-token", kind: "bearer token", re: /\bBearer[ \t]{1,3}[A-Za-z0-9_\-.~+\/]{20,500}/g, accept: (m) => looksRandom(m.replace(/^Bearer\s+/, "")) },
  { id: "secret.google-api-key", kind: "Google API key", re: /\bAIza[0-9A-Za-z_-]{35}/g },
  { id: "secret.private-key", kind: "private key (PEM)", re: /-----BEGIN[ A-Z0-9_-]{0,64}PRIVATE KEY(?: BLOCK)?-----/g },
  // the look-behind makes a JWT start only where a token run starts, so "ey-ey-ey..." near-misses
  // are scanned once, not once per "ey"
  { id: "secret.jwt", kind: "JSON Web Token", re: /(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]{10,1000}\.ey[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{10,1000}/g },
  {
    id: "secret.generic-assignment", kind: "high-entropy credential assignment",
    re: /(?:api[_-]?key|apikey|secret[_-]?key|client[_-]?secret|access[_-]?key|auth[_-]?token|access[_-]?token|secret|token|password|passwd)["']?\s{0,3}[:=]\s{0,3}["']?[A-Za-z0-9_\-+\/=.~]{16,200}/gi,
    accept: (m) => looksRandom(m.replace(/^[^:=]*[:=]\s*["']?/, ""))
  }
]

export const scanSecrets = (text: string): Array<Finding> => {
  const findings: Array<Finding> = []
  for (const rule of RULES) {
    rule.re.lastIndex = 0
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      // a rejected candidate is skipped whole: restarting inside it would rescan the same run
      // once per keyword it contains ("api_key=api_key=...")
      if (rule.accept !== undefined && !rule.accept(m[0])) continue
      if (findings.some((f) => f.span[0] <= m.index && f.span[1] >= m.index + m[0].length)) continue
      findings.push({
        id: rule.id,
        family: "secret",
        severity: "critical",
        span: [m.index, m.index + m[0].length],
        message: `${rule.kind} (${m[0].length} characters at offset ${m.index}); secrets must not be sent to the assistant`
      })
    }
  }
  return findings
}
