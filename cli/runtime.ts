/**
 * Assembles the local single-node runtime: every actor in one process, on the memory bus or,
 * with NATS_URL set, on NATS. Fresh signing keys for every actor are made at start.
 */
import { Layer } from "effect"
import * as Health from "../actors/health/index.ts"
import * as Judge from "../actors/judge/index.ts"
import * as Sanitizer from "../actors/sanitizer/index.ts"
import { Bus, BusSettings } from "../bus/Bus.ts"
import { KeyRing } from "../bus/KeyRing.ts"
import * as MemoryTransport from "../bus/MemoryTransport.ts"
import * as NatsTransport from "../bus/NatsTransport.ts"
import type { Subject } from "../bus/Subject.ts"
import { SubjectTable } from "../bus/SubjectTable.ts"
import { type ConfigValues, IronclawConfig } from "../config/IronclawConfig.ts"

export const transportLayer = (config: ConfigValues, name = "ironclaw") =>
  config.natsUrl !== undefined ? NatsTransport.layer({ servers: config.natsUrl, name }) : MemoryTransport.layer

export const busLayer = (config: ConfigValues, extraSubjects: ReadonlyArray<Subject> = []) =>
  Bus.layer.pipe(
    Layer.provideMerge(transportLayer(config)),
    Layer.provideMerge(SubjectTable.layer(config.namespace, extraSubjects)),
    Layer.provideMerge(KeyRing.layerGenerated),
    Layer.provide(Layer.succeed(BusSettings, {
      requestTimeoutMs: config.requestTimeoutMs,
      replayWindowMs: config.replayWindowMs,
      bufferSize: config.mailboxSize
    }))
  )

/** Every actor of the single-node runtime. */
export const actorsLayer = (config: ConfigValues) =>
  Layer.mergeAll(
    Health.layer,
    Sanitizer.layer({ maxInputBytes: config.maxInputBytes, maxJsonDepth: 32 }),
    Judge.layer.pipe(Layer.provide(Judge.Policy.layerFromConfig().pipe(Layer.provide(Layer.succeed(IronclawConfig, config)))))
  )

export const localRuntime = (config: ConfigValues) => actorsLayer(config).pipe(Layer.provideMerge(busLayer(config)))
