export * from "./envelope.ts"
export * from "./errors.ts"
export * from "./ids.ts"
export * from "./system.ts"
