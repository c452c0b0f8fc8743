#!/usr/bin/env node
// Launcher: the project runs on Node 24 from the registry's `node` package (node_modules/.bin/node),
// whatever Node the machine has; on an older Node it re-executes itself there.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const major = Number(process.versions.node.split(".")[0])

if (major < 24) {
  const local = join(root, "node_modules", "node", "bin", "node")
  if (!existsSync(local)) {
    process.stderr.write(`ironclaw: needs Node 24 or later (this is ${process.version}); run npm install first\n`)
    process.exit(1)
  }
  const child = spawnSync(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" })
  process.exit(child.status ?? 1)
} else {
  await import(join(root, "cli", "main.ts"))
}
