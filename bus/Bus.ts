/**
 * The typed bus. Each actor gets its own client, which may publish and subscribe only where
 * the subject table names it, signs with only its own key, and refuses — with a typed error
 * reported on `audit.rejected.v1` — every received message that fails to decode, names an
 * unauthorised producer, carries a bad signature or replays an earlier one.
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer, Result, Scope, Stream } from "effect"
import {
  type ActorName,
  type BusError,
  type ConnectionLost,
  type DecodeFailure,
  InvalidSignature,
  type Message,
  PermissionDenied,
  type RejectionError,
  RemoteFailure
} from "../schemas/index.ts"
import { decodePayload, encodePayload, frame, unframe } from "./internal/codec.ts"
import { ReplayGuard } from "./ReplayGuard.ts"
import { sign, verify } from "./internal/signing.ts"
import { KeyRing } from "./KeyRing.ts"
import type { EventSubject, RequestSubject, Subject } from "./Subject.ts"
import { auditRejected } from "./subjects.ts"
import { SubjectTable } from "./SubjectTable.ts"
import { type RawMessage, Transport } from "./Transport.ts"

/** Tuning shared by every client; `layer` reads it from the context, with these defaults. */
export const BusSettings = Context.Reference<{
  readonly requestTimeoutMs: number
  readonly replayWindowMs: number
  /** Per-subscription buffer; the overflow policy is the transport's (drop newest, report). */
  readonly bufferSize: number
}>("ironclaw/bus/BusSettings", {
  defaultValue: () => ({ requestTimeoutMs: 5_000, replayWindowMs: 120_000, bufferSize: 65_536 })
})

/** Links a new message to the one that caused it: same correlation id, causation id = its id. */
export interface Cause {
  readonly correlationId: string
  readonly id: string
}

export interface PublishOptions {
  readonly cause?: Cause | undefined
}

/** A received request: answer it once with `reply`, or with `fail`. */
export interface Incoming<A, R> extends Message<A> {
  readonly reply: (payload: R) => Effect.Effect<void, DecodeFailure | InvalidSignature | ConnectionLost>
  readonly fail: (tag: string, message: string) => Effect.Effect<void, DecodeFailure | InvalidSignature | ConnectionLost>
}

export interface Subscription<M> {
  /** Verified, decoded messages in arrival order. Refused messages never appear here. */
  readonly messages: Stream.Stream<M, PermissionDenied | ConnectionLost>
  /** Stop taking new messages; buffered ones are still delivered, then the stream ends. */
  readonly drain: Effect.Effect<void>
}

/** A message seen through a wildcard: which table subject it belongs to, and its decoded payload. */
export interface Observed extends Message<unknown> {
  readonly definition: Subject
}

export interface BusClient {
  readonly actor: ActorName
  readonly transport: "memory" | "nats"
  /**
   * Signs `data` with this actor's own key (base64url Ed25519), for signatures that must
   * outlive one bus hop, such as the sanitizer's and the judge's over content hashes.
   */
  readonly sign: (data: string) => Effect.Effect<string, InvalidSignature>
  /** Verifies another actor's signature over `data` with that actor's public key. */
  readonly verify: (signer: ActorName, data: string, signature: string) => "ok" | "malformed" | "mismatch" | "unknown-key"
  readonly publish: <A>(
    subject: EventSubject<A>,
    payload: A,
    options?: PublishOptions
  ) => Effect.Effect<Message<A>, PermissionDenied | DecodeFailure | InvalidSignature | ConnectionLost>
  readonly subscribe: <A>(
    subject: EventSubject<A>,
    options?: { readonly bufferSize?: number }
  ) => Effect.Effect<Subscription<Message<A>>, PermissionDenied | ConnectionLost, Scope.Scope>
  /** Answer requests: responders share the subject's queue group, so each request is answered once. */
  readonly serve: <A, R>(
    subject: RequestSubject<A, R>,
    options?: { readonly bufferSize?: number }
  ) => Effect.Effect<Subscription<Incoming<A, R>>, PermissionDenied | ConnectionLost, Scope.Scope>
  readonly request: <A, R>(
    subject: RequestSubject<A, R>,
    payload: A,
    options?: PublishOptions & { readonly timeoutMs?: number }
  ) => Effect.Effect<Message<R>, BusError>
  /**
   * Every table subject matching a NATS wildcard pattern (relative to the namespace), each
   * message decoded with its own subject's Schema. Only subjects this actor may subscribe to.
   */
  readonly observe: (
    pattern: string,
    options?: { readonly bufferSize?: number }
  ) => Effect.Effect<Subscription<Observed>, PermissionDenied | ConnectionLost, Scope.Scope>
}

export class Bus extends Context.Service<Bus, {
  readonly transport: "memory" | "nats"
  /** The bus handle of one actor. */
  readonly client: (actor: ActorName) => BusClient
}>()("ironclaw/bus/Bus") {
  static readonly layer = Layer.effect(
    Bus,
    Effect.gen(function*() {
      const transport = yield* Transport
      const table = yield* SubjectTable
      const keys = yield* KeyRing
      const settings = yield* BusSettings
      return Bus.of({
        transport: transport.kind,
        client: (actor) => makeClient(actor, transport, table, keys, settings)
      })
    })
  )
}

const makeClient = (
  actor: ActorName,
  transport: Transport["Service"],
  table: SubjectTable["Service"],
  keys: KeyRing["Service"],
  settings: typeof BusSettings.Service
): BusClient => {
  const secretKey = keys.secretKey(actor)
  const replay = new ReplayGuard(settings.replayWindowMs)

  const denied = (subject: Subject, operation: PermissionDenied["operation"]) =>
    new PermissionDenied({ subject: subject.name, actor, operation, source: "table" })

  /** Builds and frames an envelope; Effect only for the clock and the id. */
  const outgoing = (
    subject: Subject,
    kind: "event" | "request" | "reply",
    encodedPayload: unknown,
    cause: Cause | undefined,
    failure?: { tag: string; message: string }
  ) =>
    Effect.flatMap(Clock.currentTimeMillis, (time) => {
      const id = crypto.randomUUID()
      const framed = frame(subject, {
        id,
        correlationId: cause?.correlationId ?? id,
        causationId: cause?.id,
        time,
        producer: actor,
        kind,
        encodedPayload,
        ...(failure !== undefined ? { failure } : {})
      }, secretKey)
      return Result.isFailure(framed) ? Effect.fail(framed.failure) : Effect.succeed(framed.success)
    })

  // Every actor may publish rejections; reported through `publish` like any other message.
  const report = (error: RejectionError, claimedProducer?: string, envelopeId?: string) =>
    Effect.gen(function*() {
      yield* Effect.logWarning("bus refused a message", { receiver: actor, error: error.message })
      if (error.subject === auditRejected.name) return // never answer a bad rejection with another
      yield* publish(auditRejected, {
        subject: error.subject,
        receiver: actor,
        reason: error._tag,
        detail: error.message,
        ...(claimedProducer !== undefined ? { claimedProducer } : {}),
        ...(envelopeId !== undefined ? { envelopeId } : {})
      })
    }).pipe(Effect.catch(() => Effect.void))

  /** Checks a received frame; on refusal reports it and yields nothing. */
  const receive = <A>(
    subject: Subject,
    schema: Subject["schema"],
    bytes: Uint8Array,
    kinds: ReadonlyArray<"event" | "request" | "reply">
  ): Effect.Effect<Result.Result<Message<A>, undefined>> =>
    Effect.flatMap(Clock.currentTimeMillis, (now): Effect.Effect<Result.Result<Message<A>, undefined>> => {
      const checked = unframe(subject, bytes, { kinds, now }, keys.publicKey, replay)
      if (Result.isFailure(checked)) return Effect.as(report(checked.failure), Result.fail(undefined))
      const message = decodePayload<A>(subject.name, schema, checked.success.envelope, "payload")
      if (Result.isFailure(message)) {
        return Effect.as(
          report(message.failure, checked.success.envelope.producer, checked.success.envelope.id),
          Result.fail(undefined)
        )
      }
      return Effect.succeed(Result.succeed(message.success))
    })

  const rawSubscribe = (subject: Subject, bufferSize: number | undefined) =>
    transport.subscribe(table.wire(subject), { queue: subject.queueGroup, bufferSize: bufferSize ?? settings.bufferSize })

  const publish: BusClient["publish"] = (subject, payload, options) =>
    Effect.gen(function*() {
      if (!table.canPublish(actor, subject)) return yield* denied(subject, "publish")
      const encoded = encodePayload(subject.name, subject.schema, payload)
      if (Result.isFailure(encoded)) return yield* encoded.failure
      const framed = yield* outgoing(subject, "event", encoded.success, options?.cause)
      yield* transport.publish(table.wire(subject), framed.bytes)
      return { ...framed.envelope, payload }
    })

  const subscribe: BusClient["subscribe"] = <A>(subject: EventSubject<A>, options?: { readonly bufferSize?: number }) =>
    Effect.gen(function*() {
      if (!table.canSubscribe(actor, subject)) return yield* denied(subject, "subscribe")
      const raw = yield* rawSubscribe(subject, options?.bufferSize)
      return {
        messages: raw.messages.pipe(
          Stream.filterMapEffect((m) => receive<A>(subject, subject.schema, m.data, ["event"]))
        ),
        drain: raw.drain
      }
    })

  const serve: BusClient["serve"] = <A, R>(subject: RequestSubject<A, R>, options?: { readonly bufferSize?: number }) =>
    Effect.gen(function*() {
      if (!table.canSubscribe(actor, subject)) return yield* denied(subject, "reply")
      const raw = yield* rawSubscribe(subject, options?.bufferSize)
      const toIncoming = (message: Message<A>, respond: NonNullable<RawMessage["respond"]>): Incoming<A, R> => {
        const cause = { correlationId: message.correlationId, id: message.id }
        const send = (encodedPayload: unknown, failure?: { tag: string; message: string }) =>
          Effect.flatMap(outgoing(subject, "reply", encodedPayload, cause, failure), (framed) => respond(framed.bytes))
        return {
          ...message,
          reply: (payload: R) => {
            const encoded = encodePayload(subject.name, subject.reply, payload)
            return Result.isFailure(encoded) ? Effect.fail(encoded.failure) : send(encoded.success)
          },
          fail: (tag, text) => send(null, { tag, message: text })
        }
      }
      return {
        messages: raw.messages.pipe(
          Stream.filterMapEffect((m) =>
            m.respond === undefined
              ? Effect.succeed(Result.fail(undefined)) // a plain publish on a request subject has nobody to answer
              : Effect.map(receive<A>(subject, subject.schema, m.data, ["request"]), (checked) =>
                Result.isFailure(checked) ? Result.fail(undefined) : Result.succeed(toIncoming(checked.success, m.respond!)))
          )
        ),
        drain: raw.drain
      }
    })

  const request: BusClient["request"] = <A, R>(
    subject: RequestSubject<A, R>,
    payload: A,
    options?: PublishOptions & { readonly timeoutMs?: number }
  ) =>
    Effect.gen(function*() {
      if (!table.canPublish(actor, subject)) return yield* denied(subject, "request")
      const encoded = encodePayload(subject.name, subject.schema, payload)
      if (Result.isFailure(encoded)) return yield* encoded.failure
      const framed = yield* outgoing(subject, "request", encoded.success, options?.cause)
      const bytes = yield* transport.request(table.wire(subject), framed.bytes, options?.timeoutMs ?? settings.requestTimeoutMs)
      const now = yield* Clock.currentTimeMillis
      const checked = unframe(subject, bytes, { kinds: ["reply"], now }, keys.publicKey, replay)
      if (Result.isFailure(checked)) {
        yield* report(checked.failure)
        return yield* checked.failure
      }
      const envelope = checked.success.envelope
      if (envelope.causationId !== framed.envelope.id) {
        return yield* new InvalidSignature({ subject: subject.name, producer: envelope.producer, reason: "mismatch" })
      }
      if (envelope.failure !== undefined) {
        return yield* new RemoteFailure({ subject: subject.name, tag: envelope.failure.tag, detail: envelope.failure.message })
      }
      const reply = decodePayload<R>(subject.name, subject.reply, envelope, "reply")
      if (Result.isFailure(reply)) return yield* reply.failure
      return reply.success
    })

  const observe: BusClient["observe"] = (pattern, options) =>
    Effect.gen(function*() {
      const wirePattern = `${table.namespace}.${pattern}`
      const raw = yield* transport.subscribe(wirePattern, { queue: undefined, bufferSize: options?.bufferSize ?? settings.bufferSize })
      return {
        messages: raw.messages.pipe(
          Stream.filterMapEffect((m) => {
            const definition = table.fromWire(m.subject)
            // Subjects outside the table, or not this actor's to read, are not observed.
            if (definition === undefined || !table.canSubscribe(actor, definition)) {
              return Effect.succeed(Result.fail(undefined))
            }
            const kinds = definition.kind === "request" ? ["request" as const] : ["event" as const]
            return Effect.map(receive<unknown>(definition, definition.schema, m.data, kinds), (checked) =>
              Result.isFailure(checked) ? Result.fail(undefined) : Result.succeed({ ...checked.success, definition }))
          })
        ),
        drain: raw.drain
      }
    })

  const signData: BusClient["sign"] = (data) =>
    secretKey === undefined
      ? Effect.fail(new InvalidSignature({ subject: "(payload)", producer: actor, reason: "unknown-key" }))
      : Effect.succeed(sign(data, secretKey))

  const verifyData: BusClient["verify"] = (signer, data, signature) => {
    const key = keys.publicKey(signer)
    return key === undefined ? "unknown-key" : verify(data, signature, key)
  }

  return { actor, transport: transport.kind, sign: signData, verify: verifyData, publish, subscribe, serve, request, observe }
}
