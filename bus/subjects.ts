/**
 * The subject table: every subject of the system, in one place. It drives the TypeScript
 * types, runtime decoding, signature checks and the NATS authorization config.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import {
  ActorNames,
  HandlerFault,
  HealthPing,
  HealthStatus,
  IngressEvent,
  JudgedPrompt,
  Refusal,
  Rejection,
  SanitizedContent
} from "../schemas/index.ts"
import * as Subject from "./Subject.ts"

/** Liveness of the runtime's actors: anyone may ask, the health actor answers. */
export const healthPing = Subject.request({
  name: "health.ping.v1",
  schema: HealthPing,
  reply: HealthStatus,
  publishers: ActorNames,
  subscribers: ["health"],
  description: "asks the runtime whether it is up"
})

/** Every actor reports the messages its bus client refused; the auditor records them. */
export const auditRejected = Subject.pubsub({
  name: "audit.rejected.v1",
  schema: Rejection,
  publishers: ActorNames,
  subscribers: ["auditor"],
  description: "a received message refused before any handler saw it"
})

/** A handler that failed or died; the actor kept serving. */
export const actorFault = Subject.pubsub({
  name: "actor.fault.v1",
  schema: HandlerFault,
  publishers: ActorNames,
  subscribers: ["auditor"],
  description: "a handler failure or defect, reported by the actor runtime"
})

/**
 * Every inbound event — user messages, email, webhooks, tool output, HTTP bodies — enters here,
 * and only the sanitizer reads it.
 */
export const ingressEvent = Subject.queue({
  name: "ingress.event.v1",
  schema: IngressEvent,
  publishers: ["channel", "tool-runner", "vault", "cli"],
  subscribers: ["sanitizer"],
  queueGroup: "sanitizer",
  description: "inbound content of any source, before sanitising"
})

/** The sanitizer's signed output, for the judge only. */
export const sanitizedContent = Subject.queue({
  name: "sanitizer.content.v1",
  schema: SanitizedContent,
  publishers: ["sanitizer"],
  subscribers: ["judge"],
  queueGroup: "judge",
  signed: true,
  description: "normalised, neutralised content with findings, signed by the sanitizer"
})

/** The only way content reaches the LLM actor: signed by the judge over the sanitizer's signature. */
export const judgedPrompt = Subject.queue({
  name: "judge.prompt.v1",
  schema: JudgedPrompt,
  publishers: ["judge"],
  subscribers: ["llm"],
  queueGroup: "llm",
  signed: true,
  description: "content the judge let through, with its verdict, signed by the judge"
})

/** Content that will not reach the LLM: back to its channel, and to the audit stream. */
export const ingressRefused = Subject.pubsub({
  name: "ingress.refused.v1",
  schema: Refusal,
  publishers: ["sanitizer", "judge"],
  subscribers: ["channel"],
  description: "a refusal with its reasons, for the originating channel"
})

const BenchPayload = Schema.Struct({ seq: Schema.Int, body: Schema.String })

/** `ironclaw bus bench`: request/reply through the typed bus, unsigned. */
export const benchEcho = Subject.request({
  name: "bench.echo.v1",
  schema: BenchPayload,
  reply: BenchPayload,
  publishers: ["cli"],
  subscribers: ["health"],
  description: "benchmark echo"
})

/** `ironclaw bus bench`: the same round trip on a signed subject, both directions signed. */
export const benchSignedEcho = Subject.request({
  name: "bench.signed-echo.v1",
  schema: BenchPayload,
  reply: BenchPayload,
  publishers: ["cli"],
  subscribers: ["health"],
  signed: true,
  description: "benchmark echo on a signed subject"
})

/** `ironclaw bus bench`: publish throughput. */
export const benchEvent = Subject.pubsub({
  name: "bench.event.v1",
  schema: BenchPayload,
  publishers: ["cli"],
  subscribers: ["health"],
  description: "benchmark publish"
})

export const systemSubjects: ReadonlyArray<Subject.Subject> = [
  healthPing,
  auditRejected,
  actorFault,
  ingressEvent,
  sanitizedContent,
  judgedPrompt,
  ingressRefused,
  benchEcho,
  benchSignedEcho,
  benchEvent
]
