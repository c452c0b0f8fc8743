/**
 * Branded identifiers shared by every message.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A message id: unique per envelope; the replay window is keyed on it. */
export const MessageId = Schema.String.pipe(Schema.check(Schema.isMinLength(8), Schema.isMaxLength(64)), Schema.brand("MessageId"))
export type MessageId = typeof MessageId.Type

/** One per conversation turn: every message caused by the same inbound event shares it. */
export const CorrelationId = Schema.String.pipe(Schema.check(Schema.isMinLength(8), Schema.isMaxLength(64)), Schema.brand("CorrelationId"))
export type CorrelationId = typeof CorrelationId.Type

/**
 * Every party that may hold a bus handle. The subject table names publishers and
 * subscribers from this list, and each has its own signing key.
 */
export const ActorNames = [
  "channel",
  "sanitizer",
  "judge",
  "llm",
  "tool-runner",
  "vault",
  "egress",
  "auditor",
  "health",
  "cli"
] as const
export const ActorName = Schema.Literals(ActorNames)
export type ActorName = typeof ActorName.Type
