/**
 * The raw byte-level transport under the Bus: NATS, or an in-process implementation with
 * the same semantics. It knows subjects and bytes; envelopes, Schemas, signatures and the
 * subject table are the Bus's business.
 *
 * @since 0.1.0
 */
import type { Effect, Scope, Stream } from "effect"
import { Context } from "effect"
import type { BusTimeout, ConnectionLost, NoResponders, PermissionDenied } from "../schemas/index.ts"

export interface RawMessage {
  readonly subject: string
  readonly data: Uint8Array
  /** Present on requests: sends the reply to the requester. */
  readonly respond: ((data: Uint8Array) => Effect.Effect<void, ConnectionLost>) | undefined
}

export interface RawSubscription {
  /** Messages in arrival order; fails when the server revokes the subscription. */
  readonly messages: Stream.Stream<RawMessage, PermissionDenied | ConnectionLost>
  /** Stop taking new messages; those already buffered are still delivered, then the stream ends. */
  readonly drain: Effect.Effect<void>
  /** Messages dropped because the buffer was full (slow consumer). */
  readonly dropped: () => number
}

export type TransportEvent =
  | { readonly _tag: "SlowConsumer"; readonly subject: string; readonly dropped: number }
  | { readonly _tag: "PermissionViolation"; readonly subject: string; readonly operation: string }
  | { readonly _tag: "Disconnected"; readonly detail: string }
  | { readonly _tag: "Reconnected"; readonly detail: string }

export interface SubscribeOptions {
  readonly queue?: string | undefined
  /**
   * Messages buffered for this subscription. On overflow the newest message is dropped for
   * this subscriber and a SlowConsumer event is raised: the same policy as a NATS slow
   * consumer, so both transports behave alike. Durable work belongs on JetStream.
   */
  readonly bufferSize: number
}

export class Transport extends Context.Service<Transport, {
  readonly kind: "memory" | "nats"
  readonly publish: (subject: string, data: Uint8Array) => Effect.Effect<void, ConnectionLost>
  readonly subscribe: (
    subject: string,
    options: SubscribeOptions
  ) => Effect.Effect<RawSubscription, PermissionDenied | ConnectionLost, Scope.Scope>
  readonly request: (
    subject: string,
    data: Uint8Array,
    timeoutMs: number
  ) => Effect.Effect<Uint8Array, BusTimeout | NoResponders | PermissionDenied | ConnectionLost>
  /** Resolves once everything published so far has reached the server (a no-op in memory). */
  readonly flush: Effect.Effect<void, ConnectionLost>
  /** Slow consumers, server-side permission violations, disconnects and reconnects. */
  readonly events: Stream.Stream<TransportEvent>
}>()("ironclaw/bus/Transport") {}
