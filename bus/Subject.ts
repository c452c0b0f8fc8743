/**
 * A subject is a value: its name, the Schema of its payload, who may publish and who may
 * subscribe, how it is delivered, and whether its envelopes carry a signature.
 *
 * @since 0.1.0
 */
import type { Schema } from "effect"
import type { ActorName } from "../schemas/index.ts"

/** How a subject is delivered. */
export type SubjectKind =
  /** every subscriber gets every message */
  | "pubsub"
  /** one responder (of a queue group) answers each request */
  | "request"
  /** each message goes to exactly one member of the subject's queue group */
  | "queue"

/** A payload codec whose encoded side is JSON. */
export type PayloadSchema<A> = Schema.Codec<A, any, never, never>

interface SubjectBase<A> {
  /** `<domain>.<event>.v<N>`, without the namespace prefix. */
  readonly name: string
  readonly schema: PayloadSchema<A>
  readonly publishers: ReadonlyArray<ActorName>
  readonly subscribers: ReadonlyArray<ActorName>
  /** Envelopes on this subject carry, and receivers demand, the producer's Ed25519 signature. */
  readonly signed: boolean
  readonly description: string
}

export interface EventSubject<A> extends SubjectBase<A> {
  readonly kind: "pubsub" | "queue"
  /** The queue group for `queue` subjects. */
  readonly queueGroup: string | undefined
}

export interface RequestSubject<A, R> extends SubjectBase<A> {
  readonly kind: "request"
  readonly reply: PayloadSchema<R>
  /**
   * Replies carry the responder's signature too. Off by default: a reply travels to the
   * requester's own inbox, which only the responder of that one request may publish to
   * (NATS `allow_responses`; in memory, a closure), so a signature adds a second hop of
   * cost (~0.1 ms) for no new guarantee. Turn it on where the reply itself is a verdict.
   */
  readonly replySigned: boolean
  /** Responders share this queue group, so each request is answered once. */
  readonly queueGroup: string
}

export type Subject<A = any, R = any> = EventSubject<A> | RequestSubject<A, R>

const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\.v[1-9][0-9]*$/

const checkName = (name: string): string => {
  if (!NAME.test(name)) {
    throw new Error(`subject name "${name}" is not <domain>.<event>.v<N> (lower-case tokens)`)
  }
  return name
}

interface Definition<A> {
  readonly name: string
  readonly schema: PayloadSchema<A>
  readonly publishers: ReadonlyArray<ActorName>
  readonly subscribers: ReadonlyArray<ActorName>
  readonly signed?: boolean
  readonly description: string
}

/** A publish/subscribe subject: every subscriber receives every message. */
export const pubsub = <A>(def: Definition<A>): EventSubject<A> => ({
  ...def,
  name: checkName(def.name),
  signed: def.signed ?? false,
  kind: "pubsub",
  queueGroup: undefined
})

/** A work subject: each message goes to one member of the queue group. */
export const queue = <A>(def: Definition<A> & { readonly queueGroup: string }): EventSubject<A> => ({
  ...def,
  name: checkName(def.name),
  signed: def.signed ?? false,
  kind: "queue"
})

/** A request/reply subject; responders form one queue group. */
export const request = <A, R>(
  def: Definition<A> & { readonly reply: PayloadSchema<R>; readonly queueGroup?: string; readonly replySigned?: boolean }
): RequestSubject<A, R> => ({
  ...def,
  name: checkName(def.name),
  signed: def.signed ?? false,
  replySigned: def.replySigned ?? false,
  kind: "request",
  queueGroup: def.queueGroup ?? def.name
})

/** Whether an envelope of this kind on this subject must carry its producer's signature. */
export const signs = (subject: Subject, kind: "event" | "request" | "reply"): boolean =>
  kind === "reply" ? subject.kind === "request" && subject.replySigned : subject.signed

/** The payload type of a subject. */
export type PayloadOf<S> = S extends Subject<infer A, any> ? A : never
/** The reply type of a request subject. */
export type ReplyOf<S> = S extends RequestSubject<any, infer R> ? R : never
