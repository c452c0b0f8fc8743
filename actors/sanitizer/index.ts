/**
 * The ingress sanitizer actor: reads every inbound event, refuses what may not travel on,
 * and signs what it passes to the judge.
 */
import { Effect, Layer } from "effect"
import * as Actor from "../../bus/Actor.ts"
import { ingressEvent, ingressRefused, sanitizedContent } from "../../bus/subjects.ts"
import { contentHashOf } from "../../bus/trust.ts"
import { Sanitizer, type SanitizerOptions } from "./Sanitizer.ts"

export { effectiveTrust, type Outcome, present, sanitize, Sanitizer, type SanitizerOptions } from "./Sanitizer.ts"
export { scan, type ScanResult } from "./internal/engine.ts"

export const actor = Layer.unwrap(Effect.gen(function*() {
  const sanitizer = yield* Sanitizer
  return Actor.make("sanitizer", [
    Actor.on(ingressEvent, (message, client) =>
      Effect.gen(function*() {
        const outcome = yield* sanitizer.sanitize(message.payload, message.id)
        if (outcome._tag === "Refused") {
          yield* Effect.logInfo("sanitizer refused inbound content", { reason: outcome.refusal.reason, channel: outcome.refusal.channel })
          yield* client.publish(ingressRefused, outcome.refusal, { cause: message })
          return
        }
        const contentHash = contentHashOf(outcome.content)
        const sanitizerSignature = yield* client.sign(contentHash)
        yield* client.publish(sanitizedContent, { ...outcome.content, contentHash, sanitizerSignature }, { cause: message })
      }))
  ])
}))

/** The actor with its Sanitizer. */
export const layer = (options: SanitizerOptions) => actor.pipe(Layer.provide(Sanitizer.layer(options)))
