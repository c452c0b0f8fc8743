#!/usr/bin/env node
// Launcher: the project runs on Node 24 from the registry's `node` package (node_modules/node),
// whatever Node the machine has; on an older Node it runs itself again there, passing signals on
// so that Ctrl-C still drains the runtime.
import { spawn } from "node:child_process"
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
  const child = spawn(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" })
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => child.kill(signal))
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal !== null ? 128 + 2 : 1)))
} else {
  await import(join(root, "cli", "main.ts"))
}
