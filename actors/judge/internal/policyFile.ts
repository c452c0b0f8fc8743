/**
 * The one place the judge touches the disk: reading the rules file and stamping it for the
 * change poll. Synchronous node:fs inside Effect.try, because the file is small and read at
 * most once per poll interval.
 */
import * as fs from "node:fs"
import { Effect } from "effect"
import { PolicyUnreadable } from "../PolicyError.ts"
import type { PolicyError } from "../PolicyError.ts"
import { type CompiledPolicy, parsePolicy } from "../PolicyRules.ts"

const reason = (cause: unknown): string => (cause as NodeJS.ErrnoException).code ?? String(cause)

/**
 * What changes when the file is rewritten: nanosecond mtime, size and inode (an editor that
 * saves by rename changes the inode even within one mtime tick).
 */
export const stampOf = (path: string): Effect.Effect<string, PolicyUnreadable> =>
  Effect.try({
    try: () => {
      const s = fs.statSync(path, { bigint: true })
      return `${s.mtimeNs}:${s.size}:${s.ino}`
    },
    catch: (cause) => new PolicyUnreadable({ path, detail: reason(cause) })
  })

export const readPolicyFile = (path: string): Effect.Effect<CompiledPolicy, PolicyError> =>
  Effect.try({
    try: () => fs.readFileSync(path, "utf8"),
    catch: (cause) => new PolicyUnreadable({ path, detail: reason(cause) })
  }).pipe(Effect.flatMap((text) => Effect.fromResult(parsePolicy(text, path))))

/**
 * Whether anything is at `path`. Only a clean "no such file" counts as absent: a policy file
 * that exists but cannot be read must fail loudly, not be replaced by the defaults.
 */
export const pathExists = (path: string): Effect.Effect<boolean> =>
  Effect.try(() => fs.statSync(path, { throwIfNoEntry: false }) !== undefined).pipe(Effect.orElseSucceed(() => true))
