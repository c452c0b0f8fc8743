/**
 * Builds genuinely signed sanitized content and judged prompts with the sanitizer's and the
 * judge's own bus clients, for tests of what verifies them.
 */
import { Clock, Effect } from "effect"
import { Bus } from "../../bus/Bus.ts"
import { contentHashOf, judgeStatement, type SanitizedFields } from "../../bus/trust.ts"
import type { JudgedPrompt, SanitizedContent, Verdict } from "../../schemas/index.ts"

export const signedContent = (fields: Partial<SanitizedFields> = {}) =>
  Effect.gen(function*() {
    const bus = yield* Bus
    const now = yield* Clock.currentTimeMillis
    const base: SanitizedFields = {
      ingressId: crypto.randomUUID(),
      source: "email",
      trust: "untrusted",
      channel: "email",
      sender: "alice@example.com",
      threadId: "thread-1",
      sanitized: "Please book the meeting room for Tuesday.",
      findings: [],
      sanitizedAt: now,
      ...fields
    }
    const contentHash = contentHashOf(base)
    const sanitizerSignature = yield* bus.client("sanitizer").sign(contentHash)
    const content: SanitizedContent = { ...base, contentHash, sanitizerSignature }
    return content
  })

export const judged = (content: SanitizedContent, verdict: Verdict = "allow", judgedAt?: number) =>
  Effect.gen(function*() {
    const bus = yield* Bus
    const unsigned = {
      promptId: crypto.randomUUID(),
      content,
      verdict,
      ruleIds: [] as ReadonlyArray<string>,
      judgedAt: judgedAt ?? (yield* Clock.currentTimeMillis)
    }
    const judgeSignature = yield* bus.client("judge").sign(judgeStatement(unsigned))
    const prompt: JudgedPrompt = { ...unsigned, judgeSignature }
    return prompt
  })
