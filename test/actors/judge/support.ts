/** Helpers for the judge's tests: rules built in code, and the shipped default policy. */
import { readFileSync } from "node:fs"
import { Result } from "effect"
import { type CompiledPolicy, compilePolicy, defaultRulesPath, parsePolicy } from "../../../actors/judge/index.ts"
import type { Finding } from "../../../schemas/index.ts"

export const RATE_LIMITS = { perSender: { capacity: 100, refillPerSecond: 10 }, perChannel: { capacity: 1000, refillPerSecond: 100 } }

/** Compiles rules given in code; a test that passes invalid rules uses `compilePolicy` itself. */
export const policyOf = (rules: ReadonlyArray<unknown>, rateLimits: unknown = RATE_LIMITS): CompiledPolicy =>
  Result.getOrThrow(compilePolicy({ version: 1, rules, rateLimits }, "(test)"))

export const defaultPolicy = (): CompiledPolicy =>
  Result.getOrThrow(parsePolicy(readFileSync(defaultRulesPath, "utf8"), defaultRulesPath))

export const finding = (id: string, family: string, severity: Finding["severity"]): Finding => ({
  id,
  family,
  severity,
  span: [0, 1],
  message: `test finding ${id}`
})
