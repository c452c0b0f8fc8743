/**
 * The `ironclaw` command line.
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Cause, Console, Effect, Layer } from "effect"
import { Argument, CliError, Command, Flag } from "effect/cli"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { createInterface } from "node:readline"
import * as Judge from "../actors/judge/index.ts"
import { KeyRing } from "../bus/KeyRing.ts"
import { IronclawConfig } from "../config/IronclawConfig.ts"
import * as Bench from "./bench.ts"
import * as Logging from "./logging.ts"
import * as Scan from "./scan.ts"
import { busLayer, localRuntime } from "./runtime.ts"

const config = IronclawConfig.layer

/**
 * Logs through pino at the configured level. Tools whose output is the point (scan, bench) are
 * `quiet`: warnings and worse only, unless debug or trace was asked for.
 */
const withLogging = <A, E, R>(effect: Effect.Effect<A, E, R>, quiet = false) =>
  Effect.gen(function*() {
    const values = yield* IronclawConfig
    const level = quiet && values.logLevel !== "debug" && values.logLevel !== "trace" ? "warn" : values.logLevel
    return yield* Effect.provide(effect, Logging.layer(level))
  })

const run = Command.make(
  "run",
  {},
  () =>
    withLogging(Effect.gen(function*() {
      const values = yield* IronclawConfig
      const transport = values.natsUrl !== undefined ? `NATS at ${values.natsUrl}` : "the in-process memory bus"
      yield* Effect.logInfo(`IronClaw single-node runtime starting on ${transport}`, { home: values.home })
      yield* Layer.launch(
        Layer.effectDiscard(Effect.logInfo("IronClaw is running; Ctrl-C stops it").pipe(
          Effect.andThen(Effect.addFinalizer(() => Effect.logInfo("IronClaw stopped: every actor drained")))
        )).pipe(Layer.provideMerge(localRuntime(values)))
      )
    }))
).pipe(Command.withDescription("Start the local single-node runtime: every actor in this process (memory bus, or NATS when NATS_URL is set)"))

const bench = Command.make(
  "bench",
  {
    transport: Flag.Literals("transport", ["memory", "nats"]).pipe(
      Flag.withDescription("Bus transport to measure (nats connects to NATS_URL)"),
      Flag.withDefault("memory")
    ),
    json: Flag.Boolean("json").pipe(Flag.withDescription("Print one JSON object"), Flag.withDefault(false)),
    iterations: Flag.Int("iterations").pipe(Flag.withDescription("Timed request/reply round trips"), Flag.withDefault(5_000)),
    messages: Flag.Int("messages").pipe(Flag.withDescription("Messages for the publish throughput figure"), Flag.withDefault(50_000))
  },
  ({ iterations, json, messages, transport }) =>
    withLogging(Effect.gen(function*() {
      const values = yield* IronclawConfig
      if (transport === "nats" && values.natsUrl === undefined) {
        return yield* Effect.fail(new Error("--transport nats needs NATS_URL (e.g. NATS_URL=nats://127.0.0.1:4222)"))
      }
      const { natsUrl: _ignored, ...memoryOnly } = values
      const chosen = transport === "memory" ? memoryOnly : values
      const result = yield* Bench.run({ iterations, messages, natsUrl: values.natsUrl }).pipe(
        Effect.scoped,
        Effect.provide(busLayer(chosen))
      )
      yield* Console.log(json ? JSON.stringify(result) : Bench.formatText(result))
    }), true)
).pipe(Command.withDescription("Measure request/reply latency and publish throughput of the typed bus against a raw baseline"))

const generate = Command.make(
  "generate",
  {
    out: Flag.String("out").pipe(Flag.withDescription("Folder for keys.json (public keys) and seeds/<actor>.seed (mode 0600)"))
  },
  ({ out }) =>
    Effect.gen(function*() {
      const { file, seeds } = yield* KeyRing.generateKeysFile
      yield* Effect.try({
        try: () => {
          mkdirSync(join(out, "seeds"), { recursive: true, mode: 0o700 })
          writeFileSync(join(out, "keys.json"), `${JSON.stringify(file, null, 2)}\n`, { flag: "wx" })
          for (const [actor, seed] of Object.entries(seeds)) {
            writeFileSync(join(out, "seeds", `${actor}.seed`), `${seed}\n`, { flag: "wx", mode: 0o600 })
          }
        },
        catch: (cause) => new Error(`cannot write keys to ${out}: ${cause instanceof Error ? cause.message : String(cause)}`)
      })
      yield* Console.log(`wrote ${join(out, "keys.json")} and ${Object.keys(seeds).length} seeds under ${join(out, "seeds")}`)
    })
).pipe(Command.withDescription("Make signing keys for distributed mode: one public keys file for every process, one seed per actor process (IRONCLAW_KEYS_FILE, IRONCLAW_ACTOR_KEY_SEED)"))

const keys = Command.make("keys").pipe(
  Command.withDescription("Actor signing keys"),
  Command.withSubcommands([generate])
)

const scanCommand = Command.make(
  "scan",
  {
    file: Argument.String("file").pipe(
      Argument.withDescription("File to scan, or - for standard input (the default)"),
      Argument.withDefault("-")
    ),
    source: Flag.Literals("source", ["user", "email", "webhook", "tool", "http"]).pipe(
      Flag.withDescription("Where the content came from: user messages are the principal's, the rest is untrusted data"),
      Flag.withDefault("user")
    ),
    json: Flag.Boolean("json").pipe(Flag.withDescription("Print {verdict, findings, sanitized} as JSON"), Flag.withDefault(false)),
    batch: Flag.Boolean("batch").pipe(
      Flag.withDescription("Read JSON lines {\"id\", \"text\", \"source\"} on stdin; write one JSON result per line with the same id"),
      Flag.withDefault(false)
    )
  },
  ({ batch, file, json, source }) =>
    withLogging(Effect.gen(function*() {
      const values = yield* IronclawConfig
      const policy = yield* Judge.Policy.pipe(
        Effect.flatMap((p) => p.current),
        Effect.provide(Judge.Policy.layerFromConfig({ pollIntervalMs: 3_600_000 }))
      )
      if (batch) {
        yield* Effect.promise(async () => {
          const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
          let n = 0
          for await (const line of lines) {
            n++
            if (line.trim() === "") continue
            process.stdout.write(`${Scan.scanBatchLine(policy, line, n, source, values.maxInputBytes)}\n`)
          }
        })
        return
      }
      const text = yield* Effect.try({
        try: () => readFileSync(file === "-" ? 0 : file, "utf8"),
        catch: (cause) => new Error(`cannot read ${file === "-" ? "standard input" : file}: ${cause instanceof Error ? cause.message : String(cause)}`)
      })
      const report = Scan.scanText(policy, text, source, values.maxInputBytes)
      yield* Console.log(json ? JSON.stringify(report) : Scan.formatReport(report))
    }).pipe(Effect.scoped), true)
).pipe(Command.withDescription("Run normalisation, injection detection, the secret scan and the policy over content; print findings and the verdict"))

const bus = Command.make("bus").pipe(
  Command.withDescription("Bus tools"),
  Command.withSubcommands([bench])
)

const ironclaw = Command.make("ironclaw").pipe(
  Command.withDescription("IronClaw: a security-first personal AI-agent runtime"),
  Command.withSubcommands([run, scanCommand, bus, keys])
)

/** One line on stderr and a non-zero exit for any failure; never a stack trace. */
const oneLine = (cause: Cause.Cause<unknown>) =>
  Effect.sync(() => {
    const error = Cause.squash(cause)
    if (CliError.isCliError(error)) {
      // the CLI library has already printed usage and the error
      if (error._tag !== "ShowHelp" || error.errors.length > 0) process.exitCode = 1
      return
    }
    const text = error instanceof Error ? error.message : String(error)
    process.stderr.write(`ironclaw: ${text.split("\n")[0]}\n`)
    process.exitCode = 1
  })

Command.run(ironclaw, { version: "0.1.0" }).pipe(
  Effect.provide(config),
  Effect.provide(NodeServices.layer),
  Effect.catchCause((cause) => (Cause.hasInterruptsOnly(cause) ? Effect.void : oneLine(cause))),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
