/**
 * The actor runtime. An actor is a Layer that registers handlers on its subjects, each with
 * explicit concurrency and mailbox bounds. A handler that fails or dies is logged and
 * reported on `actor.fault.v1`, and the actor keeps serving; a request whose handler fails
 * gets a failure reply instead of a timeout. On shutdown the actor stops taking messages,
 * finishes what it holds (up to a drain timeout), then stops.
 *
 * @since 0.1.0
 */
import { Cause, Duration, Effect, Fiber, FiberSet, Layer, Predicate, Semaphore, Stream } from "effect"
import type { Scope } from "effect"
import type { ActorName, ConnectionLost, Message, PermissionDenied } from "../schemas/index.ts"
import { Bus, type BusClient, type Incoming, type Subscription } from "./Bus.ts"
import type { EventSubject, RequestSubject } from "./Subject.ts"
import { actorFault } from "./subjects.ts"

export interface Bounds {
  /** Messages handled at once. */
  readonly concurrency?: number
  /** Messages buffered while all handlers are busy; beyond this the transport drops and reports. */
  readonly mailbox?: number
}

export interface Handler<R> {
  readonly subject: string
  readonly bounds: Bounds
  readonly start: (client: BusClient) => Effect.Effect<Running<R>, PermissionDenied | ConnectionLost, Scope.Scope>
}

interface Running<R> {
  readonly subscription: Subscription<unknown>
  readonly handle: (message: unknown) => Effect.Effect<void, never, R>
}

/** An expected failure's tag, for the failure reply; anything else is a defect. */
const tagOf = (cause: Cause.Cause<unknown>): { tag: string; detail: string } => {
  const error = Cause.squash(cause)
  const tag = typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string"
    ? error._tag
    : "HandlerDefect"
  const detail = Predicate.hasProperty(error, "message") && typeof error.message === "string"
    ? error.message
    : String(error)
  return { tag, detail: detail.split("\n")[0]!.slice(0, 500) }
}

const reportFault = (client: BusClient, subject: string, envelopeId: string, cause: Cause.Cause<unknown>) =>
  Effect.gen(function*() {
    const { detail, tag } = tagOf(cause)
    yield* Effect.logError("handler failed; the actor keeps serving", { actor: client.actor, subject, tag, detail })
    yield* client.publish(actorFault, { actor: client.actor, subject, envelopeId, detail: `${tag}: ${detail}` })
  }).pipe(Effect.catchCause(() => Effect.void))

/** Subscribes with the handler's mailbox bound, and pairs the subscription with its handling. */
const handlerOf = <M extends Message<unknown>, R>(
  subject: EventSubject<any> | RequestSubject<any, any>,
  bounds: Bounds,
  open: (client: BusClient, options: { readonly bufferSize?: number }) => Effect.Effect<Subscription<M>, PermissionDenied | ConnectionLost, Scope.Scope>,
  handle: (message: M, client: BusClient) => Effect.Effect<void, never, R>
): Handler<R> => ({
  subject: subject.name,
  bounds,
  start: (client) =>
    Effect.map(open(client, bounds.mailbox !== undefined ? { bufferSize: bounds.mailbox } : {}), (subscription) => ({
      subscription: subscription as Subscription<unknown>,
      handle: (message) => handle(message as M, client)
    }))
})

/** Handle every message of an event subject. */
export const on = <A, R = never>(
  subject: EventSubject<A>,
  handler: (message: Message<A>, client: BusClient) => Effect.Effect<void, unknown, R>,
  bounds: Bounds = {}
): Handler<R> =>
  handlerOf<Message<A>, R>(subject, bounds, (client, options) => client.subscribe(subject, options), (message, client) =>
    handler(message, client).pipe(
      Effect.catchCause((cause) => reportFault(client, subject.name, message.id, cause))
    ))

/** Answer every request on a request subject; a failure becomes a failure reply. */
export const answer = <A, Rep, R = never>(
  subject: RequestSubject<A, Rep>,
  handler: (message: Message<A>, client: BusClient) => Effect.Effect<Rep, unknown, R>,
  bounds: Bounds = {}
): Handler<R> =>
  handlerOf<Incoming<A, Rep>, R>(subject, bounds, (client, options) => client.serve(subject, options), (request, client) =>
    handler(request, client).pipe(
      Effect.flatMap((reply) => request.reply(reply)),
      Effect.catchCause((cause) => {
        const { detail, tag } = tagOf(cause)
        return Effect.andThen(
          reportFault(client, subject.name, request.id, cause),
          request.fail(tag, detail).pipe(Effect.catchCause(() => Effect.void))
        )
      })
    ))

export interface ActorOptions {
  readonly concurrency?: number
  readonly mailbox?: number
  /** How long shutdown waits for in-flight handlers before interrupting them. */
  readonly drainTimeout?: Duration.Input
}

/** Runs one handler: bounded concurrency, supervised, drained on scope close. */
const run = <R>(client: BusClient, handler: Handler<R>, options: ActorOptions) =>
  Effect.gen(function*() {
    const running = yield* handler.start(client)
    const permits = handler.bounds.concurrency ?? options.concurrency ?? 16
    const semaphore = yield* Semaphore.make(permits)
    const inFlight = yield* FiberSet.make<void, never>()
    const consumer = yield* running.subscription.messages.pipe(
      Stream.runForEach((message) =>
        Effect.andThen(
          semaphore.take(1),
          FiberSet.run(inFlight, running.handle(message).pipe(Effect.ensuring(semaphore.release(1))))
        )
      ),
      Effect.catchCause((cause) =>
        Effect.logError("subscription ended with an error", { actor: client.actor, subject: handler.subject, cause: Cause.pretty(cause) })
      ),
      Effect.forkScoped
    )
    // Runs before the FiberSet's own finalizer: stop intake, let buffered and in-flight work finish.
    yield* Effect.addFinalizer(() =>
      Effect.gen(function*() {
        yield* running.subscription.drain
        yield* Fiber.await(consumer)
        yield* FiberSet.awaitEmpty(inFlight)
      }).pipe(
        Effect.timeoutOrElse({
          duration: options.drainTimeout ?? Duration.seconds(10),
          orElse: () => Effect.logWarning("drain timed out; interrupting in-flight handlers", { actor: client.actor, subject: handler.subject })
        })
      )
    )
  })

/**
 * An actor: its bus handle and its handlers, as a Layer. The layer is ready once every
 * subscription is in place, so nothing published after start-up is missed.
 */
export const make = <R>(
  name: ActorName,
  handlers: ReadonlyArray<Handler<R>>,
  options: ActorOptions = {}
): Layer.Layer<never, PermissionDenied | ConnectionLost, Bus | Exclude<R, Scope.Scope>> =>
  Layer.effectDiscard(
    Effect.gen(function*() {
      const bus = yield* Bus
      const client = bus.client(name)
      for (const handler of handlers) yield* run(client, handler, options)
      yield* Effect.logDebug("actor started", { actor: name, subjects: handlers.map((h) => h.subject) })
    }) as Effect.Effect<void, PermissionDenied | ConnectionLost, Bus | Scope.Scope | Exclude<R, Scope.Scope>>
  )
