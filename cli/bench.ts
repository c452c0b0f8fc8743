/**
 * `ironclaw bus bench`: request/reply latency and publish throughput through the typed Bus,
 * next to the same figures for a baseline measured in the same run — the raw
 * `@nats-io/transport-node` client for NATS, a bare in-process function call for memory.
 */
import { connect } from "@nats-io/transport-node"
import { Effect, Stream } from "effect"
import { Bus } from "../bus/Bus.ts"
import { benchEcho, benchEvent, benchSignedEcho } from "../bus/subjects.ts"
import { SubjectTable } from "../bus/SubjectTable.ts"
import { Transport } from "../bus/Transport.ts"

export interface Figures {
  readonly p50Ms: number
  readonly p99Ms: number
}

export interface BenchResult {
  readonly transport: "memory" | "nats"
  readonly bus: Figures & { readonly publishPerSec: number }
  readonly signed: Figures
  readonly baseline: Figures & { readonly publishPerSec: number }
  readonly ratioP50: number
}

const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

const summarise = (samples: Array<number>): Figures => {
  samples.sort((a, b) => a - b)
  return { p50Ms: round(percentile(samples, 50)), p99Ms: round(percentile(samples, 99)) }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000

/** Times `iterations` sequential runs of `once` after `warmup` untimed ones. */
const latency = <E, R>(once: (seq: number) => Effect.Effect<unknown, E, R>, iterations: number, warmup: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < warmup; i++) yield* once(i)
    const samples: Array<number> = []
    for (let i = 0; i < iterations; i++) {
      const start = performance.now()
      yield* once(i)
      samples.push(performance.now() - start)
    }
    return summarise(samples)
  })

const body = "x".repeat(64)

export const run = (options: { readonly iterations: number; readonly messages: number; readonly natsUrl: string | undefined }) =>
  Effect.gen(function*() {
    const bus = yield* Bus
    const transport = yield* Transport
    const table = yield* SubjectTable
    const responder = bus.client("health")
    const cli = bus.client("cli")
    const warmup = Math.min(500, options.iterations)

    for (const subject of [benchEcho, benchSignedEcho]) {
      const served = yield* responder.serve(subject)
      yield* served.messages.pipe(Stream.runForEach((req) => req.reply(req.payload)), Effect.forkScoped)
    }
    yield* transport.flush

    const busFigures = yield* latency((seq) => cli.request(benchEcho, { seq, body }), options.iterations, warmup)
    const signed = yield* latency((seq) => cli.request(benchSignedEcho, { seq, body }), options.iterations, warmup)

    // Publish throughput: time until one subscriber has received every message.
    const sub = yield* responder.subscribe(benchEvent, { bufferSize: options.messages + 1 })
    let received = 0
    yield* sub.messages.pipe(Stream.runForEach(() => Effect.sync(() => void received++)), Effect.forkScoped)
    yield* transport.flush
    const publishStart = performance.now()
    for (let seq = 0; seq < options.messages; seq++) yield* cli.publish(benchEvent, { seq, body })
    yield* transport.flush
    while (received < options.messages) yield* Effect.sleep(1)
    const busPublishPerSec = Math.round(options.messages / ((performance.now() - publishStart) / 1000))

    const baseline = transport.kind === "nats"
      ? yield* rawNats(options.natsUrl!, `${table.namespace}.bench.raw`, options.iterations, warmup, options.messages)
      : yield* inProcess(options.iterations, warmup, options.messages)

    const result: BenchResult = {
      transport: transport.kind,
      bus: { ...busFigures, publishPerSec: busPublishPerSec },
      signed,
      baseline,
      ratioP50: round(busFigures.p50Ms / baseline.p50Ms)
    }
    return result
  })

/** The memory baseline: a bare in-process call of an echo handler. */
const inProcess = (iterations: number, warmup: number, messages: number) =>
  Effect.gen(function*() {
    const echo = (payload: { seq: number; body: string }) => Effect.succeed(payload)
    const figures = yield* latency((seq) => echo({ seq, body }), iterations, warmup)
    let sink = 0
    const handler = (payload: { seq: number; body: string }) => {
      sink += payload.seq
    }
    const start = performance.now()
    for (let seq = 0; seq < messages; seq++) handler({ seq, body })
    const perSec = Math.round(messages / Math.max((performance.now() - start) / 1000, 1e-9))
    return { ...figures, publishPerSec: sink >= 0 ? perSec : 0 }
  })

/** The NATS baseline: the raw client, same server, same payload size, same pattern. */
const rawNats = (servers: string, subject: string, iterations: number, warmup: number, messages: number) =>
  Effect.acquireUseRelease(
    Effect.promise(() => connect({ servers, name: "ironclaw-bench-raw" })),
    (nc) =>
      Effect.promise(async () => {
        const payload = new TextEncoder().encode(JSON.stringify({ seq: 0, body }))
        nc.subscribe(`${subject}.echo`, { callback: (_err, msg) => void msg.respond(msg.data) })
        await nc.flush()
        for (let i = 0; i < warmup; i++) await nc.request(`${subject}.echo`, payload)
        const samples: Array<number> = []
        for (let i = 0; i < iterations; i++) {
          const start = performance.now()
          await nc.request(`${subject}.echo`, payload)
          samples.push(performance.now() - start)
        }
        let received = 0
        const done = Promise.withResolvers<void>()
        nc.subscribe(`${subject}.event`, {
          callback: () => {
            if (++received === messages) done.resolve()
          }
        })
        await nc.flush()
        const start = performance.now()
        for (let i = 0; i < messages; i++) nc.publish(`${subject}.event`, payload)
        await nc.flush()
        await done.promise
        const publishPerSec = Math.round(messages / ((performance.now() - start) / 1000))
        return { ...summarise(samples), publishPerSec }
      }),
    (nc) => Effect.promise(() => nc.close())
  )

export const formatText = (r: BenchResult): string => {
  const fmt = (n: number) => n.toFixed(4)
  const base = r.transport === "nats" ? "raw nats client" : "in-process call"
  return [
    `bus bench (${r.transport})`,
    `  request/reply  bus     p50 ${fmt(r.bus.p50Ms)} ms  p99 ${fmt(r.bus.p99Ms)} ms`,
    `  request/reply  signed  p50 ${fmt(r.signed.p50Ms)} ms  p99 ${fmt(r.signed.p99Ms)} ms  (signing adds ${fmt(r.signed.p50Ms - r.bus.p50Ms)} ms at p50)`,
    `  request/reply  ${base.padEnd(15)} p50 ${fmt(r.baseline.p50Ms)} ms  p99 ${fmt(r.baseline.p99Ms)} ms`,
    `  publish        bus ${r.bus.publishPerSec.toLocaleString("en")} msg/s, ${base} ${r.baseline.publishPerSec.toLocaleString("en")} msg/s`,
    `  ratio p50 (bus / baseline): ${r.ratioP50.toFixed(2)}`
  ].join("\n")
}
