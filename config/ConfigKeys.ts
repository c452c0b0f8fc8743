import * as path from "node:path"
import { Schema, SchemaTransformation } from "effect"

/** Log levels, in the order pino uses them. */
export const LogLevel = Schema.Literals(["trace", "debug", "info", "warn", "error", "fatal"])
export type LogLevel = typeof LogLevel.Type

export const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0))

/** Becomes the first token of every NATS subject, so it must be a safe token. */
export const Namespace = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_-]{0,31}$/))

export const AbsolutePath = Schema.String.check(
  Schema.makeFilter((s: string) => path.isAbsolute(s), { expected: "an absolute path" })
)

const NATS_PROTOCOLS = new Set(["nats:", "tls:", "ws:", "wss:"])

export const NatsUrl = Schema.String.check(
  Schema.makeFilter((s: string) => {
    const url = URL.parse(s)
    return url !== null && NATS_PROTOCOLS.has(url.protocol) && url.hostname !== ""
  }, { expected: "a nats://, tls://, ws:// or wss:// URL with a host" })
)

/** The validated configuration every actor and command reads. */
export const ConfigValues = Schema.Struct({
  home: AbsolutePath,
  natsUrl: Schema.optionalKey(NatsUrl),
  namespace: Namespace,
  logLevel: LogLevel,
  requestTimeoutMs: PositiveInt,
  mailboxSize: PositiveInt,
  actorConcurrency: PositiveInt,
  replayWindowMs: PositiveInt,
  maxInputBytes: PositiveInt,
  keysFile: Schema.optionalKey(AbsolutePath),
  actorKeySeed: Schema.optionalKey(Schema.Redacted(Schema.NonEmptyString))
})
export type ConfigValues = typeof ConfigValues.Type

/** How one configuration key is read from its environment variable. */
export interface KeySpec<A> {
  /** The environment variable (and `.env`) name. */
  readonly env: string
  /** Decodes the raw string. */
  readonly codec: Schema.Decoder<A>
  /** Finishes the sentence `IRONCLAW_X="..." is not ...` in error messages. */
  readonly expected: string
  /** Absent: the key is optional. `home` is special: its default depends on the user's home folder. */
  readonly default?: A
  /** `~` is expanded and relative paths are resolved before decoding. */
  readonly isPath?: true
  /** Never echoed in errors; kept `Redacted`. */
  readonly secret?: true
}

const positiveIntFromString = Schema.String.check(Schema.isPattern(/^[0-9]+$/)).pipe(
  Schema.decodeTo(PositiveInt, SchemaTransformation.numberFromString)
)

const positiveInt = (env: string, defaultValue: number): KeySpec<number> => ({
  env,
  codec: positiveIntFromString,
  expected: "a positive integer",
  default: defaultValue
})

/**
 * The one table of configuration keys: add a field to `ConfigValues` and a row
 * here, and the loader, the defaults and the error messages follow.
 */
export const CONFIG_KEYS: { readonly [K in keyof ConfigValues]-?: KeySpec<Exclude<ConfigValues[K], undefined>> } = {
  home: { env: "IRONCLAW_HOME", codec: AbsolutePath, expected: "a path", isPath: true },
  natsUrl: { env: "NATS_URL", codec: NatsUrl, expected: "a nats://, tls://, ws:// or wss:// URL with a host" },
  namespace: {
    env: "IRONCLAW_NAMESPACE",
    codec: Namespace,
    expected: "a namespace (a lowercase letter, then up to 31 of a-z 0-9 _ -)",
    default: "ironclaw"
  },
  logLevel: {
    env: "IRONCLAW_LOG_LEVEL",
    codec: LogLevel,
    expected: "one of trace, debug, info, warn, error, fatal",
    default: "info"
  },
  requestTimeoutMs: positiveInt("IRONCLAW_REQUEST_TIMEOUT_MS", 5000),
  mailboxSize: positiveInt("IRONCLAW_MAILBOX_SIZE", 1024),
  actorConcurrency: positiveInt("IRONCLAW_ACTOR_CONCURRENCY", 16),
  replayWindowMs: positiveInt("IRONCLAW_REPLAY_WINDOW_MS", 120_000),
  maxInputBytes: positiveInt("IRONCLAW_MAX_INPUT_BYTES", 100_000),
  keysFile: { env: "IRONCLAW_KEYS_FILE", codec: AbsolutePath, expected: "a path", isPath: true },
  actorKeySeed: {
    env: "IRONCLAW_ACTOR_KEY_SEED",
    codec: Schema.RedactedFromValue(Schema.NonEmptyString),
    expected: "a non-empty seed",
    secret: true
  }
}
