/**
 * The NATS transport (`@nats-io/transport-node`): one scoped connection per layer, drained on
 * shutdown, reconnecting forever with a short wait. Server-side permission violations become
 * `PermissionDenied`: a forbidden subscription fails its stream, a forbidden request fails,
 * and a forbidden publish (which NATS reports only asynchronously) raises an event.
 *
 * @since 0.1.0
 */
import {
  connect,
  type Msg,
  type NatsConnection,
  NoRespondersError,
  PermissionViolationError,
  RequestError,
  type Subscription,
  TimeoutError
} from "@nats-io/transport-node"
import { Cause, Effect, Layer, PubSub, Queue, Redacted, Stream } from "effect"
import { BusTimeout, ConnectionLost, NoResponders, PermissionDenied } from "../schemas/index.ts"
import { type RawMessage, Transport, type TransportEvent } from "./Transport.ts"

export interface NatsOptions {
  readonly servers: string
  /** Connection name shown by the server; use the actor's name. */
  readonly name?: string
  readonly user?: string
  readonly pass?: Redacted.Redacted<string>
  readonly reconnectTimeWaitMs?: number
}

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

const denied = (subject: string, operation: "subscribe" | "request", user: string | undefined) =>
  new PermissionDenied({ subject, actor: user ?? "connection", operation, source: "server" })

export const make = (options: NatsOptions) =>
  Effect.gen(function*() {
    const nc: NatsConnection = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () =>
          connect({
            servers: options.servers,
            name: options.name ?? "ironclaw",
            reconnect: true,
            maxReconnectAttempts: -1,
            reconnectTimeWait: options.reconnectTimeWaitMs ?? 250,
            ...(options.user !== undefined ? { user: options.user } : {}),
            ...(options.pass !== undefined ? { pass: Redacted.value(options.pass) } : {})
          }),
        catch: (cause) => new ConnectionLost({ detail: `cannot connect to ${options.servers}: ${describe(cause)}` })
      }),
      (conn) => Effect.promise(() => conn.drain().catch(() => conn.close()))
    )

    const events = yield* PubSub.unbounded<TransportEvent>()
    yield* Effect.forkScoped(Effect.promise(async () => {
      for await (const s of nc.status()) {
        const event: TransportEvent | undefined = s.type === "disconnect"
          ? { _tag: "Disconnected", detail: s.server }
          : s.type === "reconnect"
          ? { _tag: "Reconnected", detail: s.server }
          : s.type === "slowConsumer"
          ? { _tag: "SlowConsumer", subject: s.sub.getSubject(), dropped: s.pending }
          : s.type === "error" && s.error instanceof PermissionViolationError
          ? { _tag: "PermissionViolation", subject: s.error.subject, operation: s.error.operation }
          : undefined
        if (event !== undefined) PubSub.publishUnsafe(events, event)
      }
    }))

    const lost = (cause: unknown) => new ConnectionLost({ detail: describe(cause) })

    const publish = (subject: string, data: Uint8Array) =>
      Effect.try({ try: () => nc.publish(subject, data), catch: lost })

    const respondTo = (msg: Msg): RawMessage["respond"] =>
      msg.reply === undefined || msg.reply === ""
        ? undefined
        : (out) => Effect.try({ try: () => void msg.respond(out), catch: lost })

    /** Delivers what the server already sent, then ends the stream. */
    const drainSubscription = (sub: Subscription, mailbox: Queue.Queue<RawMessage, any>) =>
      Effect.promise(() => (sub.isClosed() ? Promise.resolve() : sub.drain().catch(() => undefined))).pipe(
        Effect.andThen(Effect.sync(() => Queue.endUnsafe(mailbox)))
      )

    const subscribe = (subject: string, opts: { readonly queue?: string | undefined; readonly bufferSize: number }) =>
      Effect.gen(function*() {
        const mailbox = yield* Queue.dropping<RawMessage, PermissionDenied | ConnectionLost | Cause.Done>(opts.bufferSize)
        let dropped = 0
        const sub = yield* Effect.acquireRelease(
          Effect.try({
            try: () =>
              nc.subscribe(subject, {
                ...(opts.queue !== undefined ? { queue: opts.queue } : {}),
                callback: (err, msg) => {
                  if (err !== null) {
                    Queue.failCauseUnsafe(
                      mailbox,
                      Cause.fail(err instanceof PermissionViolationError ? denied(subject, "subscribe", options.user) : lost(err))
                    )
                    return
                  }
                  if (!Queue.offerUnsafe(mailbox, { subject: msg.subject, data: msg.data, respond: respondTo(msg) })) {
                    dropped++
                    PubSub.publishUnsafe(events, { _tag: "SlowConsumer", subject: msg.subject, dropped })
                  }
                }
              }),
            catch: lost
          }),
          (s) => drainSubscription(s, mailbox)
        )
        // A subscription that closes on its own (drained, or the connection closed) ends the stream.
        void sub.closed.then(() => Queue.endUnsafe(mailbox))
        const drain = drainSubscription(sub, mailbox)
        return { messages: Stream.fromQueue(mailbox), drain, dropped: () => dropped }
      })

    const request = (subject: string, data: Uint8Array, timeoutMs: number) =>
      Effect.tryPromise({
        try: () => nc.request(subject, data, { timeout: timeoutMs }),
        catch: (cause) => {
          const inner = cause instanceof RequestError && cause.cause !== undefined ? cause.cause : cause
          if (inner instanceof NoRespondersError || (cause instanceof RequestError && cause.isNoResponders())) {
            return new NoResponders({ subject })
          }
          if (inner instanceof TimeoutError) return new BusTimeout({ subject, timeoutMs })
          if (inner instanceof PermissionViolationError) return denied(subject, "request", options.user)
          return lost(cause)
        }
      }).pipe(Effect.map((msg) => msg.data))

    return Transport.of({
      kind: "nats",
      publish,
      subscribe,
      request,
      flush: Effect.tryPromise({ try: () => nc.flush(), catch: lost }),
      events: Stream.fromPubSub(events)
    })
  })

export const layer = (options: NatsOptions) => Layer.effect(Transport, make(options))
