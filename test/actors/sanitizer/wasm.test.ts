import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import asc from "assemblyscript/asc"
import { describe, expect, it } from "vitest"
import { WASM_URL } from "../../../actors/sanitizer/internal/wasm.ts"

// the project's lib has no DOM, where TypeScript keeps the WebAssembly types
interface Descriptor {
  readonly name: string
  readonly kind: string
}
const { Module } = (globalThis as unknown as { WebAssembly: { Module: { new (bytes: Uint8Array): object; imports(m: object): Array<Descriptor>; exports(m: object): Array<Descriptor> } } }).WebAssembly

const CONFIG = fileURLToPath(new URL("../../../actors/sanitizer/internal/assembly/asconfig.json", import.meta.url))

describe("the engine's WebAssembly module", () => {
  it("is what its AssemblyScript source builds to (npm run build:wasm), byte for byte", async () => {
    const written = new Map<string, Uint8Array | string>()
    const { error, stderr } = await asc.main(["--config", CONFIG], {
      writeFile: (name, contents) => void written.set(name, contents)
    })
    expect(error, stderr.toString()).toBeNull()
    const built = written.get(fileURLToPath(WASM_URL))
    expect(built).toBeInstanceOf(Uint8Array)
    expect(Buffer.compare(Buffer.from(built as Uint8Array), readFileSync(WASM_URL)), "rebuild with npm run build:wasm").toBe(0)
  }, 60_000)

  it("needs no imports and exports only functions and its memory", () => {
    const module = new Module(readFileSync(WASM_URL))
    expect(Module.imports(module)).toEqual([])
    expect(Module.exports(module).filter((e) => e.kind !== "function").map((e) => e.name)).toEqual(["memory"])
  })
})
