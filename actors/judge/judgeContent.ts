/**
 * What the judge does with one piece of sanitized content: check it is what the sanitizer
 * signed, rate-limit, apply the policy, then either sign and forward it to the LLM or refuse
 * it back to its channel (and the audit stream, which reads refusals).
 *
 * `sanitize` verdicts are forwarded: the sanitizer already escaped special tokens and wrapped
 * untrusted content in its nonce boundary, and the verdict (signed with the rest) tells the LLM
 * actor to add a caution that the content contains instructions it must not follow.
 */
import { Clock, Effect } from "effect"
import type { BusClient } from "../../bus/Bus.ts"
import { judgedPrompt, ingressRefused } from "../../bus/subjects.ts"
import { checkSanitized, judgeStatement } from "../../bus/trust.ts"
import type { Message, Refusal, SanitizedContent } from "../../schemas/index.ts"
import { evaluate, refusalMessage } from "./evaluate.ts"
import { Policy } from "./Policy.ts"
import { RateLimiter } from "./RateLimiter.ts"

/** Why content is not what the sanitizer signed, or undefined when it is. */
const integrityProblem = (content: SanitizedContent, client: BusClient): string | undefined => {
  // The bus already checked the envelope's signature; this re-checks the content's own
  // signature, which is what the LLM actor will check again downstream (defence in depth).
  const problem = checkSanitized(content, client.verify)
  return problem === undefined ? undefined : problem.reason === "hash-mismatch" ? "hash-mismatch" : `signature-${problem.signature}`
}

export const judgeContent = Effect.fn("judge.content")(function*(message: Message<SanitizedContent>, client: BusClient) {
  const content = message.payload
  const refuse = (refusal: Pick<Refusal, "reason" | "message" | "reasons"> & { readonly retryAfterMs?: number }) =>
    client.publish(ingressRefused, {
      ingressId: content.ingressId,
      channel: content.channel,
      sender: content.sender,
      threadId: content.threadId,
      by: "judge",
      ...refusal
    }, { cause: message })

  const problem = integrityProblem(content, client)
  if (problem !== undefined) {
    yield* Effect.logWarning("sanitized content failed its integrity check; refused", { ingressId: content.ingressId, problem })
    yield* refuse({
      reason: "malformed",
      message: "Your message could not be verified after it was checked, so it was not passed to the assistant. Please send it again.",
      reasons: [`integrity.${problem}`]
    })
    return
  }

  const rate = yield* (yield* RateLimiter).take(content.sender, content.channel)
  if (!rate.allowed) {
    const seconds = Math.max(1, Math.ceil(rate.retryAfterMs / 1000))
    // debug: under a flood this would be one line per message; the refusal itself is audited
    yield* Effect.logDebug("rate limited", { ingressId: content.ingressId, limitedBy: rate.limitedBy, retryAfterMs: rate.retryAfterMs })
    yield* refuse({
      reason: "rate-limited",
      message: rate.limitedBy === "sender"
        ? `You are sending messages faster than allowed. Try again in ${seconds} s.`
        : `This channel is receiving more messages than allowed. Try again in ${seconds} s.`,
      reasons: [`rate-limit.${rate.limitedBy}`],
      retryAfterMs: rate.retryAfterMs
    })
    return
  }

  const policy = yield* (yield* Policy).current
  const evaluation = evaluate(policy, {
    text: content.sanitized,
    findings: content.findings,
    channel: content.channel,
    sender: content.sender,
    trust: content.trust,
    source: content.source
  })
  yield* Effect.logDebug("judged", { ingressId: content.ingressId, verdict: evaluation.verdict, rules: evaluation.ruleIds })

  if (evaluation.verdict === "block" || evaluation.verdict === "review") {
    yield* refuse({
      reason: evaluation.verdict === "block" ? "blocked" : "review",
      message: refusalMessage(policy, evaluation),
      reasons: evaluation.ruleIds
    })
    return
  }

  const unsigned = {
    promptId: crypto.randomUUID(),
    content,
    verdict: evaluation.verdict,
    ruleIds: evaluation.ruleIds,
    judgedAt: yield* Clock.currentTimeMillis
  }
  const judgeSignature = yield* client.sign(judgeStatement(unsigned))
  yield* client.publish(judgedPrompt, { ...unsigned, judgeSignature }, { cause: message })
})
