// The engine's WebAssembly module (assembly/, built by `npm run build:wasm`; the committed binary
// is checked against its source by a test). Loaded synchronously at import, like the model file:
// the engine's functions stay synchronous. Its memory is laid out here: tables that live as long
// as the process first (`permanent`), then one scratch area that every call reuses (the engine is
// synchronous, so no two calls ever hold it at once).
import { readFileSync } from "node:fs"

// The few WebAssembly types used here (the project's lib has no DOM, which is where TypeScript keeps them)
interface Memory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown }
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly

interface Exports {
  readonly memory: Memory
  readonly heapBase: () => number
  // the n-gram scorer (score.ts)
  readonly segments: (text: number, n: number, starts: number) => number
  readonly words: (text: number, n: number, starts: number, nSeg: number, weights: number, sums: number) => void
  readonly compact: (text: number, n: number, starts: number, nSeg: number, out: number, firstOf: number) => number
  readonly ngrams: (units: number, firstOf: number, nSeg: number, weights: number, sums: number, buf: number) => void
  readonly bestWindow: (starts: number, nSeg: number, end: number, sums: number, half: number, bias: number, scale: number, out: number) => void
  // literal search (automaton.ts) and the views' facts (prefilter.ts)
  readonly scan: (text: number, q: number, L: number, sym: number, wide: number, next: number, rowBytes: number, ends: number, entries: number, mark: number, heads: number, nodes: number, count: number) => number
  readonly collect: (mark: number, heads: number, n: number, nodes: number, starts: number, offsets: number, ids: number) => number
  readonly facts: (text: number, n: number, edges: number, out: number) => void
  // decode.ts's run finder
  readonly runs: (text: number, n: number, out: number) => number
}

export const WASM_URL = new URL("./assembly/sanitizer.wasm", import.meta.url)

export const wasm = new Instance(new Module(readFileSync(WASM_URL)), {}).exports as unknown as Exports

const PAGE = 65_536
const align = (n: number): number => (n + 15) & ~15

let top = align(wasm.heapBase())

/** Views of the memory; replaced whenever it grows (growing detaches the old buffer). */
export const mem = { u8: new Uint8Array(0), u16: new Uint16Array(0), i32: new Int32Array(0), f64: new Float64Array(0), buf: Buffer.alloc(0) }

const ensure = (end: number): void => {
  const memory = wasm.memory
  if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE))
  if (mem.u8.buffer !== memory.buffer) {
    const b = memory.buffer
    Object.assign(mem, { u8: new Uint8Array(b), u16: new Uint16Array(b), i32: new Int32Array(b), f64: new Float64Array(b), buf: Buffer.from(b) })
  }
}
ensure(top)

/** `bytes` of memory for the life of the process (16-byte aligned). */
export const permanent = (bytes: number): number => {
  const at = top
  top = align(top + bytes)
  ensure(top)
  return at
}

/**
 * The scratch area, at least `bytes` long; valid until the next call of anything here. It keeps
 * the size the largest text seen needed (at most ~65 bytes a character, for the prefilter's
 * matches: 6.5 MB for a 100 KB message).
 */
export const scratch = (bytes: number): number => {
  ensure(top + bytes)
  return top
}

/** Writes `text` as UTF-16 code units at `at` (even); Buffer's native copy, ~5 µs per 100 KB. */
export const writeText = (at: number, text: string): void => {
  mem.buf.write(text, at, "utf16le")
}
