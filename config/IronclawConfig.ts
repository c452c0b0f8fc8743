import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Context, Effect, Layer, Result, Schema } from "effect"
import { CONFIG_KEYS, ConfigValues } from "./ConfigKeys.ts"
import { ConfigError } from "./ConfigError.ts"
import { envFilePath, type Env, type EnvFile, loadConfig, type LoadOptions, resolveHome } from "./loadConfig.ts"

export { ConfigError } from "./ConfigError.ts"
export { CONFIG_KEYS, ConfigValues, type KeySpec, LogLevel } from "./ConfigKeys.ts"
export { envFilePath, type Env, type EnvFile, loadConfig, type LoadOptions, resolveHome } from "./loadConfig.ts"

/**
 * Reads the `.env` file of the configuration folder that `env` points at (a
 * missing file is no error) and builds the configuration from both.
 */
export const loadConfigFromDisk = (
  env: Env = process.env,
  options: LoadOptions = {}
): Effect.Effect<ConfigValues, ConfigError> =>
  Effect.gen(function*() {
    const file = envFilePath(resolveHome(env, options))
    const text = yield* Effect.try({
      try: () => readIfPresent(file),
      catch: (cause) =>
        new ConfigError({
          key: CONFIG_KEYS.home.env,
          source: file,
          message: `invalid configuration: cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`
        })
    })
    const envFile: EnvFile | undefined = text === undefined ? undefined : { path: file, text }
    return yield* Effect.fromResult(loadConfig(env, envFile, options))
  })

const readIfPresent = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, "utf8")
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return undefined
    throw cause
  }
}

/**
 * The validated configuration: the environment, then `$IRONCLAW_HOME/.env`
 * (default `~/.ironclaw/.env`), then defaults.
 */
export class IronclawConfig extends Context.Service<IronclawConfig, ConfigValues>()("ironclaw/config/IronclawConfig") {
  /** Reads `process.env` and the `.env` file when the layer is built. */
  static layerFromEnv(env: Env = process.env, options: LoadOptions = {}): Layer.Layer<IronclawConfig, ConfigError> {
    return Layer.effect(IronclawConfig)(loadConfigFromDisk(env, options))
  }

  static readonly layer: Layer.Layer<IronclawConfig, ConfigError> = IronclawConfig.layerFromEnv()

  /**
   * Defaults merged with `partial`, validated (an invalid partial is a defect).
   * Never touches the disk; `home` defaults to a folder under the OS temp dir,
   * never the real `~/.ironclaw`.
   */
  static make(partial: Partial<ConfigValues> = {}): ConfigValues {
    const defaults = Result.getOrThrow(loadConfig({}, undefined, { homedir: os.tmpdir() }))
    const merged = { ...defaults, home: path.join(os.tmpdir(), "ironclaw-test"), ...partial }
    return Object.freeze(Schema.decodeUnknownSync(ConfigValues)(merged))
  }

  static layerTest(partial: Partial<ConfigValues> = {}): Layer.Layer<IronclawConfig> {
    return Layer.sync(IronclawConfig)(() => IronclawConfig.make(partial))
  }
}
