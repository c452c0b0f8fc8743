// Public, human-written jailbreak text for training: the 106 jailbreak templates promptfoo ships
// (MIT, (c) Promptfoo; src/redteam/strategies/promptInjections/data.ts), read from the package
// tarball of one pinned version that the npm registry serves. Nothing of it is committed here;
// the tarball is fetched once with `npm pack` into node_modules/.cache and checked against the
// registry's integrity hash.
import { execFileSync } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"

const PACKAGE = "promptfoo@0.121.20"
const TARBALL = "promptfoo-0.121.20.tgz"
const INTEGRITY = "sha512-EgUwvF+mc7JGkCrf2eeBOjDD7XcX4rFuY5VMk53G9cEz398BcWH0RkYiov/iGZJEuILv7wzPqxxXPvxzUBgsXQ=="
const REGION = "//#region src/redteam/strategies/promptInjections/data.ts"

const cacheDir = resolve(import.meta.dirname, "..", "..", "node_modules", ".cache", "ironclaw-training")

const tarball = (): string => {
  mkdirSync(cacheDir, { recursive: true })
  const path = join(cacheDir, TARBALL)
  if (!existsSync(path)) execFileSync("npm", ["pack", PACKAGE, "--silent", "--pack-destination", cacheDir], { stdio: ["ignore", "ignore", "inherit"] })
  const got = `sha512-${createHash("sha512").update(readFileSync(path)).digest("base64")}`
  if (got !== INTEGRITY) throw new Error(`${path}: integrity ${got}, expected ${INTEGRITY}`)
  return path
}

// The bundle's array literal holds only double-quoted string literals; anything else (code,
// template literals, comments) is refused instead of evaluated.
const STRING_ARRAY = /^\[(?:\s*"(?:[^"\\\n]|\\.)*",?)*\s*\]$/

/** The templates with their `__PROMPT__` placeholder filled by `fill`. */
export const promptfooJailbreaks = (fill: (i: number) => string): Array<string> => {
  const bundle = execFileSync("tar", ["-xzOf", tarball(), "--wildcards", "package/dist/src/strategies-*.js"], { maxBuffer: 64 << 20 }).toString("utf8")
  const at = bundle.indexOf(REGION)
  if (at < 0) throw new Error(`${PACKAGE}: jailbreak template region not found`)
  const open = bundle.indexOf("[", at)
  const close = bundle.indexOf("\n];", open)
  const literal = bundle.slice(open, close + 2).replace(/,\s*\]$/, "]")
  if (!STRING_ARRAY.test(literal)) throw new Error(`${PACKAGE}: jailbreak templates are not a plain string array`)
  const templates = [...new Set(JSON.parse(literal) as Array<string>)]
  return templates.map((t, i) => t.replace(/__PROMPT__/g, () => fill(i)))
}
