/**
 * The in-process transport: `*` and `>` wildcards, queue groups that deliver each message to
 * one member, request timeouts and no-responders, bounded per-subscription buffers.
 *
 * @since 0.1.0
 */
import { Deferred, Effect, Layer, PubSub, Queue, Stream } from "effect"
import type { Cause } from "effect"
import { BusTimeout, type ConnectionLost, NoResponders } from "../schemas/index.ts"
import { matches } from "./internal/wildcard.ts"
import { type RawMessage, Transport, type TransportEvent } from "./Transport.ts"

interface Sub {
  readonly pattern: string
  readonly queue: string | undefined
  readonly mailbox: Queue.Queue<RawMessage, Cause.Done>
  dropped: number
}

export const make = Effect.gen(function*() {
  const subs = new Set<Sub>()
  // Routing cache: subject -> its subscribers. Cleared whenever the subscriber set changes.
  const routes = new Map<string, ReadonlyArray<Sub>>()
  const groupCursor = new Map<string, number>()
  const events = yield* PubSub.unbounded<TransportEvent>()

  const route = (subject: string): ReadonlyArray<Sub> => {
    let found = routes.get(subject)
    if (found === undefined) {
      found = [...subs].filter((s) => matches(s.pattern, subject))
      routes.set(subject, found)
    }
    return found
  }

  const deliver = (sub: Sub, message: RawMessage) => {
    if (!Queue.offerUnsafe(sub.mailbox, message)) {
      sub.dropped++
      PubSub.publishUnsafe(events, { _tag: "SlowConsumer", subject: message.subject, dropped: sub.dropped })
    }
  }

  /** Delivers to every plain subscriber and to one member of each queue group; returns how many got it. */
  const dispatch = (message: RawMessage): number => {
    const targets = route(message.subject)
    if (targets.length === 0) return 0
    let groups: Map<string, Array<Sub>> | undefined
    let count = 0
    for (const sub of targets) {
      if (sub.queue === undefined) {
        deliver(sub, message)
        count++
      } else {
        groups ??= new Map()
        const members = groups.get(sub.queue)
        if (members === undefined) groups.set(sub.queue, [sub])
        else members.push(sub)
      }
    }
    if (groups !== undefined) {
      for (const [name, members] of groups) {
        const key = `${message.subject}\u0000${name}`
        const cursor = (groupCursor.get(key) ?? 0) % members.length
        groupCursor.set(key, cursor + 1)
        deliver(members[cursor]!, message)
        count++
      }
    }
    return count
  }

  const publish = (subject: string, data: Uint8Array): Effect.Effect<void, ConnectionLost> =>
    Effect.sync(() => {
      dispatch({ subject, data, respond: undefined })
    })

  const subscribe = (pattern: string, options: { readonly queue?: string | undefined; readonly bufferSize: number }) =>
    Effect.acquireRelease(
      Effect.gen(function*() {
        const mailbox = yield* Queue.dropping<RawMessage, Cause.Done>(options.bufferSize)
        const sub: Sub = { pattern, queue: options.queue, mailbox, dropped: 0 }
        subs.add(sub)
        routes.clear()
        const drain = Effect.sync(() => {
          if (subs.delete(sub)) routes.clear()
          Queue.endUnsafe(mailbox)
        })
        return { sub, drain }
      }),
      ({ drain }) => drain
    ).pipe(Effect.map(({ drain, sub }) => ({
      messages: Stream.fromQueue(sub.mailbox),
      drain,
      dropped: () => sub.dropped
    })))

  const request = (subject: string, data: Uint8Array, timeoutMs: number) =>
    Effect.gen(function*() {
      const reply = yield* Deferred.make<Uint8Array>()
      const respond = (out: Uint8Array) => Effect.sync(() => void Deferred.doneUnsafe(reply, Effect.succeed(out)))
      if (dispatch({ subject, data, respond }) === 0) {
        return yield* new NoResponders({ subject })
      }
      return yield* Deferred.await(reply).pipe(
        Effect.timeoutOrElse({
          duration: timeoutMs,
          orElse: () => Effect.fail(new BusTimeout({ subject, timeoutMs }))
        })
      )
    })

  return Transport.of({
    kind: "memory",
    publish,
    subscribe,
    request,
    flush: Effect.void,
    events: Stream.fromPubSub(events)
  })
})

/** A fresh in-process transport; everything sharing this layer instance shares the bus. */
export const layer = Layer.effect(Transport, make)
