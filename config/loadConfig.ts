import * as os from "node:os"
import * as path from "node:path"
import { Result, Schema } from "effect"
import { CONFIG_KEYS, type ConfigValues, type KeySpec } from "./ConfigKeys.ts"
import { ConfigError } from "./ConfigError.ts"
import { parseDotenv } from "./parseDotenv.ts"

/** The process environment, or a stand-in for it in tests. */
export type Env = Readonly<Record<string, string | undefined>>

/** The text of a `.env` file and the path it was read from (named in errors). */
export interface EnvFile {
  readonly path: string
  readonly text: string
}

export interface LoadOptions {
  /** Defaults to `os.homedir()`. */
  readonly homedir?: string
  /** Relative paths in the environment resolve against it; defaults to `process.cwd()`. */
  readonly cwd?: string
}

const ENV_SOURCE = "env"

/**
 * The configuration folder: `IRONCLAW_HOME` from the environment (never from
 * the `.env` file it locates), else `~/.ironclaw`.
 */
export const resolveHome = (env: Env, options: LoadOptions = {}): string => {
  const homedir = options.homedir ?? os.homedir()
  const raw = nonEmpty(env[CONFIG_KEYS.home.env])
  return raw === undefined ? path.join(homedir, ".ironclaw") : toAbsolute(raw, homedir, options.cwd ?? process.cwd())
}

/** Where the `.env` file of a configuration folder lives. */
export const envFilePath = (home: string): string => path.join(home, ".env")

/**
 * Builds the configuration from the environment, then the `.env` file's
 * entries, then the defaults, in that order of precedence. Pure: it reads
 * neither the process environment nor the disk.
 */
export const loadConfig = (
  env: Env,
  file?: EnvFile,
  options: LoadOptions = {}
): Result.Result<ConfigValues, ConfigError> => {
  const homedir = options.homedir ?? os.homedir()
  const cwd = options.cwd ?? process.cwd()
  let fileEntries: ReadonlyMap<string, string> = new Map()
  if (file !== undefined) {
    const parsed = parseDotenv(file.path, file.text)
    if (Result.isFailure(parsed)) return Result.fail(parsed.failure)
    fileEntries = parsed.success
  }
  if (file !== undefined && fileEntries.has(CONFIG_KEYS.home.env)) {
    return Result.fail(
      new ConfigError({
        key: CONFIG_KEYS.home.env,
        source: file.path,
        message: `invalid configuration: ${CONFIG_KEYS.home.env} cannot be set in ${file.path}, the file it locates; set it in the environment`
      })
    )
  }
  const known = new Set(Object.values(CONFIG_KEYS).map((spec) => spec.env))
  for (const key of fileEntries.keys()) {
    // Only our own prefix: a typo there would otherwise be silently ignored.
    if (key.startsWith("IRONCLAW_") && !known.has(key) && file !== undefined) {
      return Result.fail(
        new ConfigError({ key, source: file.path, message: `invalid configuration: unknown key ${key} (in ${file.path})` })
      )
    }
  }

  const values: Record<string, unknown> = { home: resolveHome(env, { homedir, cwd }) }
  for (const [field, spec] of Object.entries(CONFIG_KEYS) as Array<[string, KeySpec<unknown>]>) {
    if (field === "home") continue
    const fromEnv = nonEmpty(env[spec.env])
    const fromFile = nonEmpty(fileEntries.get(spec.env))
    const raw = fromEnv ?? fromFile
    if (raw === undefined) {
      if (spec.default !== undefined) values[field] = spec.default
      continue
    }
    const source = fromEnv !== undefined ? ENV_SOURCE : (file?.path ?? ENV_SOURCE)
    const base = source === ENV_SOURCE ? cwd : path.dirname(source)
    const decoded = Schema.decodeUnknownResult(spec.codec)(spec.isPath ? toAbsolute(raw, homedir, base) : raw)
    if (Result.isFailure(decoded)) return Result.fail(invalid(spec, raw, source))
    values[field] = decoded.success
  }
  return Result.succeed(Object.freeze(values) as ConfigValues)
}

const invalid = (spec: KeySpec<unknown>, raw: string, source: string): ConfigError => {
  const from = source === ENV_SOURCE ? "from the environment" : `from ${source}`
  return spec.secret
    ? new ConfigError({
      key: spec.env,
      source,
      message: `invalid configuration: ${spec.env} is not ${spec.expected} (${from})`
    })
    : new ConfigError({
      key: spec.env,
      value: raw,
      source,
      message: `invalid configuration: ${spec.env}=${JSON.stringify(raw)} is not ${spec.expected} (${from})`
    })
}

// An empty value means "unset", as in most shells' `FOO= cmd`.
const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === "" ? undefined : s)

const toAbsolute = (raw: string, homedir: string, base: string): string => {
  const expanded = raw === "~" ? homedir : raw.startsWith("~/") ? path.join(homedir, raw.slice(2)) : raw
  return path.resolve(base, expanded)
}
