/**
 * The envelope every bus message travels in.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ActorName, CorrelationId, MessageId } from "./ids.ts"

/**
 * What an envelope is: a published event, a request awaiting a reply, or that reply.
 * Signed together with the rest, so a reply can never be replayed as a request.
 */
export const EnvelopeKind = Schema.Literals(["event", "request", "reply"])
export type EnvelopeKind = typeof EnvelopeKind.Type

/** A failure carried by a reply instead of a payload: the responder's handler failed. */
export const ReplyFailure = Schema.Struct({
  tag: Schema.String,
  message: Schema.String
})
export type ReplyFailure = typeof ReplyFailure.Type

/**
 * The wire envelope. `payload` is the subject Schema's JSON encoding; `signature` is
 * an Ed25519 signature (base64) by `producer` over the canonical JSON of every other
 * field, present on the subjects the table marks as signed.
 */
export const Envelope = Schema.Struct({
  id: MessageId,
  correlationId: CorrelationId,
  causationId: Schema.optionalKey(MessageId),
  /** Milliseconds since the epoch, from the producer's Clock. */
  time: Schema.Int,
  producer: ActorName,
  kind: EnvelopeKind,
  /** The subject's name without the namespace prefix, e.g. `health.ping.v1`. */
  subject: Schema.String,
  payload: Schema.Unknown,
  failure: Schema.optionalKey(ReplyFailure),
  signature: Schema.optionalKey(Schema.String)
})
export type Envelope = typeof Envelope.Type

/** A decoded, verified message: the envelope with its payload decoded by the subject's Schema. */
export interface Message<A> extends Omit<Envelope, "payload"> {
  readonly payload: A
}
