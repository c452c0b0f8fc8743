/**
 * The rules in force, hot-reloaded. `layerFromFile` loads the file at start (a broken file
 * there fails the layer with a `PolicyInvalid` naming the file, the rule and the field), then
 * polls the file's stamp on a scoped fiber: a changed valid file replaces the rules; a broken
 * or missing one keeps the last good rules, logs why, and shows up in `status`.
 *
 * Polling rather than fs.watch: watch events are unreliable across editors (save by rename),
 * network file systems and containers, and a stat every 500 ms costs nothing.
 */
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { Clock, Context, Effect, Layer, Ref, Schedule } from "effect"
import { IronclawConfig } from "../../config/IronclawConfig.ts"
import { pathExists, readPolicyFile, stampOf } from "./internal/policyFile.ts"
import type { PolicyError } from "./PolicyError.ts"
import type { CompiledPolicy } from "./PolicyRules.ts"

/** The shipped default rules. */
export const defaultRulesPath: string = fileURLToPath(new URL("../../config/policy/default-rules.json", import.meta.url))

export interface PolicyStatus {
  /** The file the rules come from; undefined for rules given in code. */
  readonly path: string | undefined
  readonly ruleCount: number
  /** When the rules in force were loaded (ms since the epoch, from the Clock). */
  readonly loadedAt: number
  /** Why the latest change to the file was refused; cleared by the next good load. */
  readonly lastError: PolicyError | undefined
}

export interface PolicyOptions {
  /** How often the file is checked for changes (default 500 ms). */
  readonly pollIntervalMs?: number
}

interface State {
  readonly policy: CompiledPolicy
  readonly status: PolicyStatus
}

export class Policy extends Context.Service<Policy, {
  readonly current: Effect.Effect<CompiledPolicy>
  readonly status: Effect.Effect<PolicyStatus>
}>()("ironclaw/actors/judge/Policy") {
  /** Fixed rules, for tests and for embedding. */
  static layer(policy: CompiledPolicy): Layer.Layer<Policy> {
    return Layer.effect(Policy)(Effect.gen(function*() {
      const loadedAt = yield* Clock.currentTimeMillis
      return Policy.of({
        current: Effect.succeed(policy),
        status: Effect.succeed({ path: undefined, ruleCount: policy.rules.length, loadedAt, lastError: undefined })
      })
    }))
  }

  /** Rules from `file`, reloaded when it changes. */
  static layerFromFile(file: string, options: PolicyOptions = {}): Layer.Layer<Policy, PolicyError> {
    return Layer.effect(Policy)(Effect.gen(function*() {
      const initialStamp = yield* stampOf(file)
      const initial = yield* readPolicyFile(file)
      const loadedAt = yield* Clock.currentTimeMillis
      yield* Effect.logInfo("policy loaded", { path: file, rules: initial.rules.length })
      const state = yield* Ref.make<State>({
        policy: initial,
        status: { path: file, ruleCount: initial.rules.length, loadedAt, lastError: undefined }
      })
      let lastStamp = initialStamp

      const refuse = (error: PolicyError) =>
        Effect.gen(function*() {
          const previous = (yield* Ref.get(state)).status.lastError
          // a missing file is checked every tick; say so once, not twice a second
          if (previous?.message !== error.message) {
            yield* Effect.logWarning("policy file rejected; keeping the last good rules", { path: file, error: error.message })
          }
          yield* Ref.update(state, (s) => ({ ...s, status: { ...s.status, lastError: error } }))
        })

      const check = Effect.gen(function*() {
        const stamp = yield* stampOf(file)
        if (stamp === lastStamp) return
        lastStamp = stamp
        const next = yield* readPolicyFile(file)
        const now = yield* Clock.currentTimeMillis
        yield* Ref.set(state, { policy: next, status: { path: file, ruleCount: next.rules.length, loadedAt: now, lastError: undefined } })
        yield* Effect.logInfo("policy reloaded", { path: file, rules: next.rules.length })
      }).pipe(
        Effect.catch((error) => {
          // a vanished file must be re-read when it comes back, even with its old stamp
          if (error._tag === "PolicyUnreadable") lastStamp = ""
          return refuse(error)
        })
      )

      yield* check.pipe(Effect.repeat(Schedule.spaced(options.pollIntervalMs ?? 500)), Effect.forkScoped)
      return Policy.of({
        current: Effect.map(Ref.get(state), (s) => s.policy),
        status: Effect.map(Ref.get(state), (s) => s.status)
      })
    }))
  }

  /**
   * `$IRONCLAW_HOME/policy.json` if it exists when the layer is built, else the shipped
   * default. The choice is made once: a policy.json created later takes effect on restart.
   */
  static layerFromConfig(options: PolicyOptions = {}): Layer.Layer<Policy, PolicyError, IronclawConfig> {
    return Layer.unwrap(Effect.gen(function*() {
      const config = yield* IronclawConfig
      const own = path.join(config.home, "policy.json")
      const file = (yield* pathExists(own)) ? own : defaultRulesPath
      return Policy.layerFromFile(file, options)
    }))
  }
}
