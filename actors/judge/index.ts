/**
 * The policy judge actor: consumes the sanitizer's signed content, applies the policy rules
 * and rate limits, and emits a judge-signed `JudgedPrompt` for the LLM or a `Refusal`.
 *
 * `evaluate` is exported for `ironclaw scan`, which applies the same policy without a bus.
 */
import { Layer } from "effect"
import * as Actor from "../../bus/Actor.ts"
import { sanitizedContent } from "../../bus/subjects.ts"
import { judgeContent } from "./judgeContent.ts"
import { RateLimiter, type RateLimiterOptions } from "./RateLimiter.ts"

export { type Evaluation, type EvaluationInput, evaluate, normaliseForPatterns, refusalMessage, VERDICT_RANK } from "./evaluate.ts"
export { readPolicyFile as loadPolicyFile } from "./internal/policyFile.ts"
export { defaultRulesPath, Policy, type PolicyOptions, type PolicyStatus } from "./Policy.ts"
export { type PolicyError, PolicyInvalid, PolicyUnreadable } from "./PolicyError.ts"
export {
  type CompiledPolicy,
  type CompiledRule,
  compilePolicy,
  parsePolicy,
  PolicyDocument,
  PolicyRule,
  type RateLimits
} from "./PolicyRules.ts"
export { type RateDecision, RateLimiter, type RateLimiterOptions } from "./RateLimiter.ts"

/** The judge with its own rate limiter; needs the bus and a `Policy`. */
export const layerWith = (options: RateLimiterOptions & { readonly concurrency?: number } = {}) =>
  Actor.make("judge", [
    Actor.on(sanitizedContent, judgeContent, { concurrency: options.concurrency ?? 16 })
  ]).pipe(Layer.provide(RateLimiter.layer(options)))

export const layer = layerWith()
