/**
 * Payloads of the runtime's own subjects: health and bus rejections.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ActorName } from "./ids.ts"

export const HealthPing = Schema.Struct({ from: Schema.String })
export type HealthPing = typeof HealthPing.Type

export const HealthStatus = Schema.Struct({
  actor: ActorName,
  status: Schema.Literals(["ok", "degraded"]),
  uptimeMs: Schema.Number,
  transport: Schema.Literals(["memory", "nats"])
})
export type HealthStatus = typeof HealthStatus.Type

/**
 * What the bus reports when it refuses a received message: the audit stream's record of
 * a decode failure, a forged or unsigned envelope, an unauthorised producer or a replay; and
 * what the LLM actor reports when a prompt fails its acceptance check.
 * Never carries the payload, which may be hostile or secret.
 */
export const Rejection = Schema.Struct({
  subject: Schema.String,
  receiver: ActorName,
  reason: Schema.Literals(["DecodeFailure", "UnauthorizedPublisher", "InvalidSignature", "ReplayDetected", "PromptRejected"]),
  detail: Schema.String,
  claimedProducer: Schema.optionalKey(Schema.String),
  envelopeId: Schema.optionalKey(Schema.String)
})
export type Rejection = typeof Rejection.Type

/** A handler that failed or died; the actor keeps serving. */
export const HandlerFault = Schema.Struct({
  actor: ActorName,
  subject: Schema.String,
  envelopeId: Schema.String,
  detail: Schema.String
})
export type HandlerFault = typeof HandlerFault.Type
