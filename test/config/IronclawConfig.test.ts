import * as fs from "node:fs/promises"
import * as path from "node:path"
import { inspect } from "node:util"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer, Redacted, Result } from "effect"
import { CONFIG_KEYS, ConfigError, IronclawConfig, loadConfig, loadConfigFromDisk } from "../../config/IronclawConfig.ts"
import { tempDirScoped } from "../support/tmp.ts"

const opts = { homedir: "/home/alice", cwd: "/work" }

const ok = (env: Record<string, string>, file?: { path: string; text: string }) => {
  const result = loadConfig(env, file, opts)
  if (Result.isFailure(result)) assert.fail(result.failure.message)
  return result.success
}

const err = (env: Record<string, string>, file?: { path: string; text: string }): ConfigError => {
  const result = loadConfig(env, file, opts)
  if (Result.isSuccess(result)) return assert.fail("expected a ConfigError")
  assert.instanceOf(result.failure, ConfigError)
  assert.notInclude(result.failure.message, "\n")
  return result.failure
}

describe("loadConfig", () => {
  it("uses the defaults when nothing is set", () => {
    const config = ok({})
    assert.deepStrictEqual({ ...config }, {
      home: "/home/alice/.ironclaw",
      namespace: "ironclaw",
      logLevel: "info",
      requestTimeoutMs: 5000,
      mailboxSize: 1024,
      actorConcurrency: 16,
      replayWindowMs: 120_000,
      maxInputBytes: 100_000
    })
    assert.isTrue(Object.isFrozen(config))
  })

  it("reads every key from the environment", () => {
    const config = ok({
      IRONCLAW_HOME: "~/state",
      NATS_URL: "tls://nats.example:4443",
      IRONCLAW_NAMESPACE: "team-a_1",
      IRONCLAW_LOG_LEVEL: "debug",
      IRONCLAW_REQUEST_TIMEOUT_MS: "250",
      IRONCLAW_MAILBOX_SIZE: "8",
      IRONCLAW_ACTOR_CONCURRENCY: "2",
      IRONCLAW_REPLAY_WINDOW_MS: "1000",
      IRONCLAW_MAX_INPUT_BYTES: "4096",
      IRONCLAW_KEYS_FILE: "keys.json",
      IRONCLAW_ACTOR_KEY_SEED: "s33d"
    })
    assert.strictEqual(config.home, "/home/alice/state")
    assert.strictEqual(config.natsUrl, "tls://nats.example:4443")
    assert.strictEqual(config.namespace, "team-a_1")
    assert.strictEqual(config.logLevel, "debug")
    assert.strictEqual(config.requestTimeoutMs, 250)
    assert.strictEqual(config.mailboxSize, 8)
    assert.strictEqual(config.actorConcurrency, 2)
    assert.strictEqual(config.replayWindowMs, 1000)
    assert.strictEqual(config.maxInputBytes, 4096)
    assert.strictEqual(config.keysFile, "/work/keys.json")
    assert.strictEqual(config.actorKeySeed && Redacted.value(config.actorKeySeed), "s33d")
  })

  it("lets the .env file override defaults and the environment override the file", () => {
    const file = {
      path: "/home/alice/.ironclaw/.env",
      text: [
        "# comment",
        "",
        "IRONCLAW_MAILBOX_SIZE=64",
        "export IRONCLAW_LOG_LEVEL=\"warn\"  # trailing comment",
        "IRONCLAW_NAMESPACE='fromfile'",
        "IRONCLAW_KEYS_FILE=keys/actors.json",
        "OTHER_TOOL_SETTING=ignored"
      ].join("\n")
    }
    const config = ok({ IRONCLAW_NAMESPACE: "fromenv", IRONCLAW_MAILBOX_SIZE: "" }, file)
    assert.strictEqual(config.namespace, "fromenv")
    assert.strictEqual(config.mailboxSize, 64) // an empty variable counts as unset
    assert.strictEqual(config.logLevel, "warn")
    assert.strictEqual(config.requestTimeoutMs, 5000)
    assert.strictEqual(config.keysFile, "/home/alice/.ironclaw/keys/actors.json") // relative to the file
  })

  const invalid: ReadonlyArray<readonly [string, string]> = [
    ["NATS_URL", "http://example.com"],
    ["NATS_URL", "nats://"],
    ["NATS_URL", "localhost:4222"],
    ["IRONCLAW_NAMESPACE", "Ironclaw"],
    ["IRONCLAW_NAMESPACE", "a.b"],
    ["IRONCLAW_NAMESPACE", "a".repeat(33)],
    ["IRONCLAW_LOG_LEVEL", "verbose"],
    ["IRONCLAW_REQUEST_TIMEOUT_MS", "abc"],
    ["IRONCLAW_REQUEST_TIMEOUT_MS", "0"],
    ["IRONCLAW_MAILBOX_SIZE", "-1"],
    ["IRONCLAW_ACTOR_CONCURRENCY", "1.5"],
    ["IRONCLAW_REPLAY_WINDOW_MS", "1e3"],
    ["IRONCLAW_MAX_INPUT_BYTES", "99999999999999999999"]
  ]
  for (const [key, value] of invalid) {
    it(`rejects ${key}=${JSON.stringify(value).slice(0, 20)} with a ConfigError naming the key`, () => {
      const error = err({ [key]: value })
      assert.strictEqual(error.key, key)
      assert.strictEqual(error.value, value)
      assert.strictEqual(error.source, "env")
      assert.include(error.message, `${key}=${JSON.stringify(value)} is not `)
      assert.include(error.message, "from the environment")
    })
  }

  it("names the .env file when it supplied the invalid value", () => {
    const error = err({}, { path: "/root/.ironclaw/.env", text: "IRONCLAW_REQUEST_TIMEOUT_MS=abc\n" })
    assert.strictEqual(
      error.message,
      "invalid configuration: IRONCLAW_REQUEST_TIMEOUT_MS=\"abc\" is not a positive integer (from /root/.ironclaw/.env)"
    )
    assert.strictEqual(error.source, "/root/.ironclaw/.env")
  })

  it("names the file and line of a malformed .env line without echoing it", () => {
    const error = err({}, { path: "/h/.env", text: "# ok\nIRONCLAW_LOG_LEVEL=info\nIRONCLAW_ACTOR_KEY_SEED hunter2\n" })
    assert.strictEqual(error.line, 3)
    assert.strictEqual(error.source, "/h/.env")
    assert.include(error.message, "/h/.env line 3")
    assert.notInclude(error.message, "hunter2")
    assert.strictEqual(err({}, { path: "/h/.env", text: "A=\"unterminated\n" }).line, 1)
    assert.strictEqual(err({}, { path: "/h/.env", text: "\n\nA='x' trailing\n" }).line, 3)
  })

  it("rejects an unknown IRONCLAW_ key in the .env file, and IRONCLAW_HOME there", () => {
    assert.strictEqual(err({}, { path: "/h/.env", text: "IRONCLAW_MAILBOX=3" }).key, "IRONCLAW_MAILBOX")
    assert.strictEqual(err({}, { path: "/h/.env", text: "IRONCLAW_HOME=/x" }).key, "IRONCLAW_HOME")
  })

  it("never prints the actor key seed", () => {
    const seed = "very-secret-seed-value"
    const config = ok({ IRONCLAW_ACTOR_KEY_SEED: seed })
    for (const rendered of [String(config), JSON.stringify(config), inspect(config, { depth: 5 })]) {
      assert.notInclude(rendered, seed)
    }
    // An invalid seed is reported without its value.
    const error = err({}, { path: "/h/.env", text: "IRONCLAW_ACTOR_KEY_SEED=\"\" junk" })
    assert.notInclude(JSON.stringify(error), "junk")
    assert.isTrue(CONFIG_KEYS.actorKeySeed.secret)
  })
})

describe("IronclawConfig layers", () => {
  it.effect("IRONCLAW_HOME relocates the .env file", () =>
    Effect.gen(function*() {
      const dir = yield* tempDirScoped("ironclaw-config-")
      yield* Effect.promise(() => fs.writeFile(path.join(dir, ".env"), "IRONCLAW_MAILBOX_SIZE=7\n"))
      const config = yield* IronclawConfig.pipe(
        Effect.provide(IronclawConfig.layerFromEnv({ IRONCLAW_HOME: dir }))
      )
      assert.strictEqual(config.home, dir)
      assert.strictEqual(config.mailboxSize, 7)
    }))

  it.effect("a missing .env file means defaults; an invalid one fails the layer with ConfigError", () =>
    Effect.gen(function*() {
      const dir = yield* tempDirScoped("ironclaw-config-")
      const config = yield* loadConfigFromDisk({ IRONCLAW_HOME: path.join(dir, "absent") })
      assert.strictEqual(config.mailboxSize, 1024)
      yield* Effect.promise(() => fs.writeFile(path.join(dir, ".env"), "IRONCLAW_LOG_LEVEL=loud\n"))
      const exit = yield* Effect.exit(
        IronclawConfig.pipe(Effect.provide(IronclawConfig.layerFromEnv({ IRONCLAW_HOME: dir })))
      )
      assert.isTrue(Exit.isFailure(exit))
      const error = yield* Effect.flip(loadConfigFromDisk({ IRONCLAW_HOME: dir }))
      assert.strictEqual(error._tag, "ConfigError")
      assert.strictEqual(error.key, "IRONCLAW_LOG_LEVEL")
      assert.include(error.message, path.join(dir, ".env"))
    }))

  it.effect("layerTest merges a partial over the defaults, away from the real home", () =>
    Effect.gen(function*() {
      const config = yield* IronclawConfig
      assert.strictEqual(config.namespace, "test")
      assert.strictEqual(config.requestTimeoutMs, 5000)
      assert.notInclude(config.home, ".ironclaw")
    }).pipe(Effect.provide(IronclawConfig.layerTest({ namespace: "test" }))))

  it("layerTest refuses an invalid partial", () => {
    assert.throws(() => IronclawConfig.make({ namespace: "Not Valid" }))
    assert.isTrue(Layer.isLayer(IronclawConfig.layer))
  })
})
