/**
 * The LLM actor. This step provides its acceptance check; the agent loop arrives with the
 * LLM actor's own issue and consumes `judge.prompt.v1` through `Acceptance.accept`.
 */
export { Acceptance, type AcceptanceOptions } from "./Acceptance.ts"
