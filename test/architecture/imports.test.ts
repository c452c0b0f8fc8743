/**
 * The import rules of DESIGN.md, enforced: schemas/ imports only effect; bus/ imports schemas/;
 * an actor imports schemas/, bus/, config/ and its own folder, never another actor; only
 * actors/vault/ may touch the keychain or the secret store.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { describe, expect, it } from "vitest"

const root = resolve(import.meta.dirname, "../..")

const sourceFiles = (dir: string): Array<string> => {
  const out: Array<string> = []
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry)
      if (entry === "node_modules" || entry.startsWith(".")) continue
      if (statSync(path).isDirectory()) walk(path)
      else if (path.endsWith(".ts")) out.push(path)
    }
  }
  walk(join(root, dir))
  return out
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s*["']([^"']+)["']/g

/** Every module specifier a file imports or re-exports, relative ones resolved to repo paths. */
export const importsOf = (file: string): Array<string> => {
  const text = readFileSync(file, "utf8")
  const specs: Array<string> = []
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3]
    if (spec === undefined) continue
    specs.push(spec.startsWith(".") ? relative(root, resolve(dirname(file), spec)) : spec)
  }
  return specs
}

const packageOf = (spec: string) => (spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!)
const isLocal = (spec: string) => /^(schemas|bus|actors|config|cli|tools|test|scripts)(\/|$)/.test(spec)

const SECRET_PLAINTEXT_PACKAGES = ["@napi-rs/keyring", "keytar"]

describe("import rules", () => {
  it("the parser sees the imports of a known file", () => {
    const specs = importsOf(join(root, "bus/Bus.ts"))
    expect(specs).toContain("effect")
    expect(specs).toContain("schemas/index.ts")
    expect(specs).toContain("bus/KeyRing.ts")
  })

  it("schemas/ imports only effect and itself", () => {
    for (const file of sourceFiles("schemas")) {
      for (const spec of importsOf(file)) {
        const ok = isLocal(spec) ? spec.startsWith("schemas/") : packageOf(spec) === "effect"
        expect(ok, `${relative(root, file)} imports ${spec}`).toBe(true)
      }
    }
  })

  it("bus/ imports schemas/ and itself, never actors/ or config/", () => {
    for (const file of sourceFiles("bus")) {
      for (const spec of importsOf(file)) {
        if (!isLocal(spec)) continue
        expect(spec.startsWith("schemas/") || spec.startsWith("bus/"), `${relative(root, file)} imports ${spec}`).toBe(true)
      }
    }
  })

  it("an actor imports schemas/, bus/, config/ and its own folder, never another actor", () => {
    const files = sourceFiles("actors")
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const own = relative(root, file).split("/").slice(0, 2).join("/") + "/"
      for (const spec of importsOf(file)) {
        if (!isLocal(spec)) continue
        const ok = spec.startsWith("schemas/") || spec.startsWith("bus/") || spec.startsWith("config/") || spec.startsWith(own)
        expect(ok, `${relative(root, file)} imports ${spec}`).toBe(true)
      }
    }
  })

  it("only actors/vault/ touches the keychain or the secret store", () => {
    const everything = ["schemas", "bus", "actors", "config", "cli"].flatMap(sourceFiles)
    for (const file of everything) {
      if (relative(root, file).startsWith("actors/vault/")) continue
      for (const spec of importsOf(file)) {
        expect(SECRET_PLAINTEXT_PACKAGES.includes(packageOf(spec)), `${relative(root, file)} imports ${spec}`).toBe(false)
        expect(/^actors\/vault\/(?!index\.ts$)/.test(spec), `${relative(root, file)} reaches into ${spec}`).toBe(false)
      }
    }
  })

  it("no module outside bus/ names a NATS subject as a bare string", () => {
    for (const file of ["actors", "cli", "config"].flatMap(sourceFiles)) {
      // comments may name a subject; code may not
      const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")
      const bare = text.match(/["'`][a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[0-9]+["'`]/)
      expect(bare, `${relative(root, file)} names subject ${bare?.[0]}`).toBeNull()
    }
  })
})
