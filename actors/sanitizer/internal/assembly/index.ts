// The sanitizer engine's WebAssembly module (AssemblyScript; ../wasm.ts loads it). No runtime, no
// imports: functions over linear memory that the caller lays out.
export { segments } from "./segments"
export { words } from "./words"
export { compact, ngrams } from "./ngrams"
export { bestWindow } from "./windows"
export { scan, collect } from "./automaton"
export { facts } from "./facts"
export { runs } from "./runs"

/** Where the caller's memory may begin (after the static tables). */
export function heapBase(): usize {
  return __heap_base
}
