/**
 * Envelope framing, signing and verification. Pure: no Effect, no clock, no I/O, so the
 * same checks serve the Bus, the auditor's replay and the tests.
 */
import { Cause, Exit, Result, Schema } from "effect"
import {
  type ActorName,
  DecodeFailure,
  Envelope,
  type EnvelopeKind,
  InvalidSignature,
  type Message,
  type RejectionError,
  ReplayDetected,
  type ReplyFailure,
  UnauthorizedPublisher
} from "../../schemas/index.ts"
import { signs, type Subject } from "../Subject.ts"
import { canonicalJson } from "../canonical.ts"
import type { ReplayGuard } from "../ReplayGuard.ts"
import { sign, verify } from "./signing.ts"

const encoder = new TextEncoder()
const decoder = new TextDecoder("utf-8", { fatal: true })
const decodeEnvelope = Schema.decodeUnknownExit(Envelope)

const firstLine = (error: unknown): string => {
  const squashed = Cause.isCause(error) ? Cause.squash(error) : error
  const text = squashed instanceof Error ? squashed.message : String(squashed)
  const line = text.split("\n").map((l) => l.trim()).slice(0, 3).join(" ")
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}

export interface Outgoing {
  readonly id: string
  readonly correlationId: string
  readonly causationId: string | undefined
  readonly time: number
  readonly producer: ActorName
  readonly kind: EnvelopeKind
  readonly encodedPayload: unknown
  readonly failure?: ReplyFailure
}

/** Builds the wire bytes of an envelope, signed with `secretKey` when the subject is signed. */
export const frame = (subject: Subject, out: Outgoing, secretKey: Uint8Array | undefined): Result.Result<{ bytes: Uint8Array; envelope: Envelope }, InvalidSignature> => {
  const body: Record<string, unknown> = {
    id: out.id,
    correlationId: out.correlationId,
    time: out.time,
    producer: out.producer,
    kind: out.kind,
    subject: subject.name,
    payload: out.encodedPayload
  }
  if (out.causationId !== undefined) body.causationId = out.causationId
  if (out.failure !== undefined) body.failure = out.failure
  if (signs(subject, out.kind)) {
    if (secretKey === undefined) {
      return Result.fail(new InvalidSignature({ subject: subject.name, producer: out.producer, reason: "unknown-key" }))
    }
    body.signature = sign(canonicalJson(body), secretKey)
  }
  return Result.succeed({ bytes: encoder.encode(JSON.stringify(body)), envelope: body as Envelope })
}

export interface Received {
  readonly envelope: Envelope
  /** The envelope as parsed from JSON, before Schema decoding: what the signature covers. */
  readonly raw: Record<string, unknown>
}

/** Parses and checks an envelope: JSON, shape, subject, producer authority, signature, replay. */
export const unframe = (
  subject: Subject,
  bytes: Uint8Array,
  expect: { readonly kinds: ReadonlyArray<EnvelopeKind>; readonly now: number },
  publicKey: (actor: ActorName) => Uint8Array | undefined,
  replay: ReplayGuard
): Result.Result<Received, RejectionError> => {
  let raw: unknown
  try {
    raw = JSON.parse(decoder.decode(bytes))
  } catch (error) {
    return Result.fail(new DecodeFailure({ subject: subject.name, where: "frame", detail: `not UTF-8 JSON: ${firstLine(error)}` }))
  }
  const decoded = decodeEnvelope(raw)
  if (Exit.isFailure(decoded)) {
    return Result.fail(new DecodeFailure({ subject: subject.name, where: "envelope", detail: firstLine(decoded.cause) }))
  }
  const envelope = decoded.value
  const record = raw as Record<string, unknown>
  if (envelope.subject !== subject.name) {
    return Result.fail(new DecodeFailure({
      subject: subject.name,
      where: "envelope",
      detail: `envelope names subject ${envelope.subject} but arrived on ${subject.name}`
    }))
  }
  if (!expect.kinds.includes(envelope.kind)) {
    return Result.fail(new DecodeFailure({ subject: subject.name, where: "envelope", detail: `unexpected kind ${envelope.kind}` }))
  }
  const allowed = envelope.kind === "reply" ? subject.subscribers : subject.publishers
  if (!allowed.includes(envelope.producer)) {
    return Result.fail(new UnauthorizedPublisher({ subject: subject.name, producer: envelope.producer }))
  }
  if (signs(subject, envelope.kind)) {
    const { signature, ...unsigned } = record
    if (typeof signature !== "string") {
      return Result.fail(new InvalidSignature({ subject: subject.name, producer: envelope.producer, reason: "missing" }))
    }
    const key = publicKey(envelope.producer)
    if (key === undefined) {
      return Result.fail(new InvalidSignature({ subject: subject.name, producer: envelope.producer, reason: "unknown-key" }))
    }
    const verdict = verify(canonicalJson(unsigned), signature, key)
    if (verdict !== "ok") {
      return Result.fail(new InvalidSignature({ subject: subject.name, producer: envelope.producer, reason: verdict }))
    }
    const fresh = replay.check(envelope.id, envelope.time, expect.now)
    if (fresh !== "ok") {
      return Result.fail(new ReplayDetected({ subject: subject.name, id: envelope.id, reason: fresh }))
    }
  }
  return Result.succeed({ envelope, raw: record })
}

// Building a parser per call is measurable on the hot path: one per Schema, made once.
type Parser = (input: unknown) => Exit.Exit<unknown, unknown>
const memo = (make: (schema: Schema.Codec<any, any, never, never>) => Parser) => {
  const cache = new WeakMap<object, Parser>()
  return (schema: Schema.Codec<any, any, never, never>): Parser => {
    let parser = cache.get(schema)
    if (parser === undefined) {
      parser = make(schema)
      cache.set(schema, parser)
    }
    return parser
  }
}
const decoderFor = memo((schema) => Schema.decodeUnknownExit(schema) as Parser)
const encoderFor = memo((schema) => Schema.encodeUnknownExit(schema) as Parser)

/** Decodes the payload with the subject's (or its reply's) Schema. */
export const decodePayload = <A>(
  subjectName: string,
  schema: Schema.Codec<A, any, never, never>,
  envelope: Envelope,
  where: "payload" | "reply"
): Result.Result<Message<A>, DecodeFailure> => {
  const payload = decoderFor(schema)(envelope.payload)
  if (Exit.isFailure(payload)) {
    return Result.fail(new DecodeFailure({ subject: subjectName, where, detail: firstLine(payload.cause) }))
  }
  return Result.succeed({ ...envelope, payload: payload.value as A })
}

/** Encodes a payload with its Schema; a value the Schema refuses is a bug in the caller. */
export const encodePayload = <A>(
  subjectName: string,
  schema: Schema.Codec<A, any, never, never>,
  payload: A
): Result.Result<unknown, DecodeFailure> => {
  const encoded = encoderFor(schema)(payload)
  return Exit.isFailure(encoded)
    ? Result.fail(new DecodeFailure({ subject: subjectName, where: "payload", detail: `cannot encode: ${firstLine(encoded.cause)}` }))
    : Result.succeed(encoded.value)
}
