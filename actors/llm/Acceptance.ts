/**
 * The LLM actor's acceptance check — invariant 1 at the last door. A prompt is accepted only
 * when the content hash matches the content, the sanitizer signed that hash, the judge signed
 * its verdict over that hash and signature, the verdict is fresh, not seen before, and lets the
 * content through. Anything else is a `PromptRejected` and a record on `audit.rejected.v1`.
 */
import { Clock, Context, Effect, Layer } from "effect"
import { Bus } from "../../bus/Bus.ts"
import { ReplayGuard } from "../../bus/ReplayGuard.ts"
import { auditRejected, judgedPrompt } from "../../bus/subjects.ts"
import { checkSanitized, judgeStatement } from "../../bus/trust.ts"
import { type JudgedPrompt, PromptRejected, type Verdict } from "../../schemas/index.ts"

/** Verdicts that let content reach the model; `block` and `review` never do. */
const PASSING: ReadonlySet<Verdict> = new Set(["allow", "warn", "sanitize"])

export interface AcceptanceOptions {
  /** How old a verdict may be, and how long its promptId is remembered. */
  readonly freshnessMs: number
}

export class Acceptance extends Context.Service<Acceptance, {
  readonly accept: (prompt: JudgedPrompt) => Effect.Effect<JudgedPrompt, PromptRejected>
}>()("ironclaw/actors/llm/Acceptance") {
  static readonly layer = (options: AcceptanceOptions) =>
    Layer.effect(
      Acceptance,
      Effect.gen(function*() {
        const client = (yield* Bus).client("llm")
        const seen = new ReplayGuard(options.freshnessMs)

        const check = (prompt: JudgedPrompt, now: number): PromptRejected | undefined => {
          const reject = (reason: PromptRejected["reason"], detail: string) =>
            new PromptRejected({ reason, promptId: prompt.promptId, detail })
          const { content } = prompt
          const sanitized = checkSanitized(content, client.verify)
          if (sanitized?.reason === "hash-mismatch") {
            return reject("content-hash-mismatch", "the content does not hash to the signed contentHash")
          }
          if (sanitized?.reason === "signature") return reject("sanitizer-signature", `sanitizer signature ${sanitized.signature}`)
          const byJudge = client.verify("judge", judgeStatement(prompt), prompt.judgeSignature)
          if (byJudge !== "ok") return reject("judge-signature", `judge signature ${byJudge}`)
          if (!PASSING.has(prompt.verdict)) return reject("verdict-not-allowed", `verdict ${prompt.verdict} never reaches the model`)
          const fresh = seen.check(prompt.promptId, prompt.judgedAt, now)
          if (fresh === "stale") return reject("stale", `judged ${now - prompt.judgedAt} ms ago, over ${options.freshnessMs} ms`)
          if (fresh === "future") return reject("future", `judged ${prompt.judgedAt - now} ms in the future`)
          if (fresh === "duplicate-id") return reject("replayed", "this prompt was accepted before")
          return undefined
        }

        const accept = Effect.fn("Acceptance.accept")(function*(prompt: JudgedPrompt) {
          const rejected = check(prompt, yield* Clock.currentTimeMillis)
          if (rejected === undefined) return prompt
          yield* Effect.logWarning("LLM refused a prompt", { reason: rejected.reason, promptId: prompt.promptId })
          yield* client.publish(auditRejected, {
            subject: judgedPrompt.name,
            receiver: "llm",
            reason: "PromptRejected",
            detail: rejected.message,
            envelopeId: prompt.promptId
          }).pipe(Effect.catch(() => Effect.void))
          return yield* rejected
        })

        return Acceptance.of({ accept })
      })
    )
}
