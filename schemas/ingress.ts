/**
 * Messages of the trust boundary: inbound events, the sanitizer's signed output, the judge's
 * signed verdicts, and refusals.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Where inbound content came from. */
export const Source = Schema.Literals(["user", "email", "webhook", "tool", "http"])
export type Source = typeof Source.Type

/**
 * How far content is trusted: `principal` is the user typing to their own agent; everything
 * else — email, webhooks, tool output, HTTP bodies — is `untrusted` data, never instructions.
 */
export const TrustClass = Schema.Literals(["principal", "untrusted"])
export type TrustClass = typeof TrustClass.Type

export const Severity = Schema.Literals(["low", "medium", "high", "critical"])
export type Severity = typeof Severity.Type

/** One thing a detector found, with offsets into the original text. */
export const Finding = Schema.Struct({
  id: Schema.String,
  family: Schema.String,
  severity: Severity,
  span: Schema.Tuple([Schema.Int, Schema.Int]),
  message: Schema.String
})
export type Finding = typeof Finding.Type

/** An inbound event as a channel adapter, the tool runner or the vault publishes it. */
export const IngressEvent = Schema.Struct({
  source: Source,
  trust: TrustClass,
  /** The channel adapter or producer it came through, e.g. `cli`, `email`, `webhook:github`. */
  channel: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(128)),
  /** Who sent it, as the channel knows them (an address, a user id, a tool name). */
  sender: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(256)),
  /** The conversation it belongs to. */
  threadId: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(128)),
  contentType: Schema.Literals(["text", "json"]),
  content: Schema.String
})
export type IngressEvent = typeof IngressEvent.Type

export const Verdict = Schema.Literals(["allow", "warn", "sanitize", "block", "review"])
export type Verdict = typeof Verdict.Type

/**
 * The sanitizer's output: normalised, neutralised and (for untrusted sources) wrapped content,
 * its findings, and the sanitizer's Ed25519 signature over `contentHash`, which is the
 * SHA-256 of the canonical JSON of every other field but the signature.
 */
export const SanitizedContent = Schema.Struct({
  /** Envelope id of the ingress event this came from. */
  ingressId: Schema.String,
  source: Source,
  trust: TrustClass,
  channel: Schema.String,
  sender: Schema.String,
  threadId: Schema.String,
  /** What the LLM may see: special tokens escaped; untrusted content inside a nonce boundary. */
  sanitized: Schema.String,
  findings: Schema.Array(Finding),
  /** Milliseconds since the epoch. */
  sanitizedAt: Schema.Int,
  /** base64url SHA-256 of the canonical JSON of the fields above. */
  contentHash: Schema.String,
  sanitizerSignature: Schema.String
})
export type SanitizedContent = typeof SanitizedContent.Type

/**
 * The judge's verdict on sanitized content that may go to the LLM: the content with the
 * sanitizer's signature intact, the verdict and the rules that decided it, and the judge's
 * signature over the canonical JSON of `{ promptId, contentHash, sanitizerSignature, verdict,
 * ruleIds, judgedAt }`.
 */
export const JudgedPrompt = Schema.Struct({
  promptId: Schema.String,
  content: SanitizedContent,
  verdict: Verdict,
  ruleIds: Schema.Array(Schema.String),
  judgedAt: Schema.Int,
  judgeSignature: Schema.String
})
export type JudgedPrompt = typeof JudgedPrompt.Type

/** Why inbound content will not reach the LLM, for the channel it came from and the audit stream. */
export const Refusal = Schema.Struct({
  ingressId: Schema.String,
  channel: Schema.String,
  sender: Schema.String,
  threadId: Schema.String,
  by: Schema.Literals(["sanitizer", "judge"]),
  reason: Schema.Literals(["blocked", "review", "rate-limited", "oversize", "too-deep", "secret", "malformed"]),
  /** A sentence for the person: what happened and what to do. Never quotes a secret. */
  message: Schema.String,
  /** Rule ids or finding ids behind it. */
  reasons: Schema.Array(Schema.String),
  retryAfterMs: Schema.optionalKey(Schema.Int)
})
export type Refusal = typeof Refusal.Type
