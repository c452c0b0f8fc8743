/**
 * The sanitizer's decision for one inbound event, before any signing: refuse it (too large,
 * too deep, malformed, or carrying a secret — none of which may travel further), or produce
 * normalised, neutralised content with its findings. Untrusted content is wrapped in a
 * boundary with a fresh nonce, so it cannot pose as anything but data.
 */
import { randomBytes } from "node:crypto"
import { Cause, Clock, Context, Effect, Exit, Layer, Schema } from "effect"
import type { SanitizedFields } from "../../bus/trust.ts"
import type { Finding, IngressEvent, Refusal, TrustClass } from "../../schemas/index.ts"
import { neutralize, scan, wrapUntrusted } from "./internal/engine.ts"

export interface SanitizerOptions {
  readonly maxInputBytes: number
  readonly maxJsonDepth: number
}

export type Outcome =
  | { readonly _tag: "Sanitized"; readonly content: SanitizedFields }
  | { readonly _tag: "Refused"; readonly refusal: Refusal }

/**
 * Only the user's own messages are the principal's; whatever arrives from email, webhooks, tools
 * or HTTP is data, whatever trust its producer claims for it.
 */
export const effectiveTrust = (event: Pick<IngressEvent, "source" | "trust">): TrustClass =>
  event.source === "user" ? event.trust : "untrusted"

/** What the LLM may see of content: special tokens escaped; untrusted content inside a nonce boundary. */
export const present = (text: string, trust: TrustClass, source: IngressEvent["source"], nonce: string): string =>
  trust === "principal" ? neutralize(text) : wrapUntrusted(text, { source, nonce })

const parseJson = Schema.decodeUnknownExit(Schema.fromJsonString(Schema.Unknown))

const where = (f: Finding) => `characters ${f.span[0]}–${f.span[1]}`

/** The pure part: the same input, options, nonce and time always give the same outcome. */
export const sanitize = (
  event: IngressEvent,
  ingressId: string,
  options: SanitizerOptions & { readonly nonce: string; readonly now: number }
): Outcome => {
  const refuse = (reason: Refusal["reason"], message: string, reasons: ReadonlyArray<string>): Outcome => ({
    _tag: "Refused",
    refusal: { ingressId, channel: event.channel, sender: event.sender, threadId: event.threadId, by: "sanitizer", reason, message, reasons }
  })
  const result = scan(event.content, {
    maxBytes: options.maxInputBytes,
    maxJsonDepth: options.maxJsonDepth,
    source: event.source
  })
  if (result.oversize) {
    return refuse(
      "oversize",
      `This ${event.source} content is ${Buffer.byteLength(event.content, "utf8")} bytes, over the ${options.maxInputBytes}-byte limit, so it was not read or sent to the AI model. Send it in smaller parts.`,
      ["size.max-bytes"]
    )
  }
  if (event.contentType === "json") {
    const deep = result.findings.find((f) => f.id === "size.json-depth")
    if (deep !== undefined) {
      return refuse("too-deep", `This JSON payload nests deeper than ${options.maxJsonDepth} levels (${where(deep)}), so it was refused.`, [deep.id])
    }
    const parsed = parseJson(event.content)
    if (Exit.isFailure(parsed)) {
      const detail = Cause.squash(parsed.cause)
      return refuse(
        "malformed",
        `This payload was declared as JSON but is not valid JSON (${detail instanceof Error ? detail.message.split("\n")[0] : "unparseable"}).`,
        ["malformed.json"]
      )
    }
  }
  const secrets = result.findings.filter((f) => f.family === "secret")
  if (secrets.length > 0) {
    const kinds = [...new Set(secrets.map((f) => f.message))].slice(0, 3).join("; ")
    return refuse(
      "secret",
      `This ${event.source === "user" ? "message" : `${event.source} content`} contains what looks like a secret (${kinds}, at ${secrets.map(where).join(", ")}), so it was not sent to the AI model. Keep secrets in the vault and refer to them by name.`,
      secrets.map((f) => f.id)
    )
  }
  const trust = effectiveTrust(event)
  const sanitized = present(event.content, trust, event.source, options.nonce)
  return {
    _tag: "Sanitized",
    content: {
      ingressId,
      source: event.source,
      trust,
      channel: event.channel,
      sender: event.sender,
      threadId: event.threadId,
      sanitized,
      findings: result.findings.map((f) => ({ ...f, span: [f.span[0], f.span[1]] as const })),
      sanitizedAt: options.now
    }
  }
}

export class Sanitizer extends Context.Service<Sanitizer, {
  readonly sanitize: (event: IngressEvent, ingressId: string) => Effect.Effect<Outcome>
}>()("ironclaw/actors/sanitizer/Sanitizer") {
  static readonly layer = (options: SanitizerOptions) =>
    Layer.succeed(Sanitizer, Sanitizer.of({
      sanitize: (event, ingressId) =>
        Effect.gen(function*() {
          const now = yield* Clock.currentTimeMillis
          // a fresh unguessable boundary per message, so content cannot know it in advance
          const nonce = yield* Effect.sync(() => randomBytes(12).toString("base64url"))
          return sanitize(event, ingressId, { ...options, nonce, now })
        })
    }))
}
