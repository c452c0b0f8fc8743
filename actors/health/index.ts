/**
 * The health actor: answers `health.ping.v1` so a person, a supervisor or a test can tell
 * that the runtime is up and which transport it runs on.
 */
import { Clock, Effect, Layer } from "effect"
import * as Actor from "../../bus/Actor.ts"
import { Bus } from "../../bus/Bus.ts"
import { healthPing } from "../../bus/subjects.ts"

export const layer = Layer.unwrap(Effect.gen(function*() {
  const startedAt = yield* Clock.currentTimeMillis
  const bus = yield* Bus
  return Actor.make("health", [
    Actor.answer(healthPing, () =>
      Effect.map(Clock.currentTimeMillis, (now) => ({
        actor: "health" as const,
        status: "ok" as const,
        uptimeMs: now - startedAt,
        transport: bus.transport
      })))
  ])
}))
