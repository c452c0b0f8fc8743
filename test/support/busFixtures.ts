/**
 * Subjects used only by the bus tests, added to the system table, and a layer that builds
 * the bus over a given transport.
 */
import { Layer, Schema } from "effect"
import { Bus, BusSettings } from "../../bus/Bus.ts"
import { KeyRing } from "../../bus/KeyRing.ts"
import * as Subject from "../../bus/Subject.ts"
import { SubjectTable } from "../../bus/SubjectTable.ts"
import type { Transport } from "../../bus/Transport.ts"

const Numbered = Schema.Struct({ n: Schema.Int, from: Schema.String })

export const testEvent = Subject.pubsub({
  name: "test.event.v1",
  schema: Numbered,
  publishers: ["channel", "sanitizer"],
  subscribers: ["judge", "llm"],
  description: "test: plain pub/sub"
})

export const testOther = Subject.pubsub({
  name: "test.other.v1",
  schema: Numbered,
  publishers: ["channel"],
  subscribers: ["judge"],
  description: "test: second subject for wildcards"
})

export const testWork = Subject.queue({
  name: "test.work.v1",
  schema: Numbered,
  publishers: ["judge"],
  subscribers: ["tool-runner"],
  queueGroup: "test-workers",
  description: "test: queue group"
})

export const testEcho = Subject.request({
  name: "test.echo.v1",
  schema: Schema.Struct({ text: Schema.String }),
  reply: Schema.Struct({ text: Schema.String, by: Schema.String }),
  publishers: ["llm", "cli"],
  subscribers: ["vault"],
  description: "test: request/reply"
})

export const testSigned = Subject.pubsub({
  name: "test.signed.v1",
  schema: Numbered,
  publishers: ["sanitizer"],
  subscribers: ["judge"],
  signed: true,
  description: "test: a subject that carries trust"
})

export const testSignedEcho = Subject.request({
  name: "test.signed-echo.v1",
  schema: Schema.Struct({ text: Schema.String }),
  reply: Schema.Struct({ text: Schema.String, by: Schema.String }),
  publishers: ["judge"],
  subscribers: ["egress"],
  signed: true,
  replySigned: true,
  description: "test: signed request/reply"
})

export const testSubjects = [testEvent, testOther, testWork, testEcho, testSigned, testSignedEcho]

export const NAMESPACE = "ictest"

/** Bus + table + generated keys over the given transport layer. */
export const busLayer = <E>(transport: Layer.Layer<Transport, E>, settings?: Partial<typeof BusSettings.Service>) =>
  Bus.layer.pipe(
    Layer.provideMerge(transport),
    Layer.provideMerge(SubjectTable.layer(NAMESPACE, testSubjects)),
    Layer.provideMerge(KeyRing.layerGenerated),
    Layer.provide(Layer.succeed(BusSettings, { ...BusSettings.defaultValue(), ...settings }))
  )
