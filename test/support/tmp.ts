import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { Effect, type Scope } from "effect"

export interface TempDir {
  readonly path: string
  /** Removes the folder and everything in it; safe to call twice. */
  readonly cleanup: () => Promise<void>
}

/** A fresh folder under the OS temp dir, e.g. `makeTempDir("ironclaw-nats-")`. */
export const makeTempDir = async (prefix: string): Promise<TempDir> => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix))
  return { path: dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) }
}

/** The same, removed when the scope closes. */
export const tempDirScoped = (prefix: string): Effect.Effect<string, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => makeTempDir(prefix)),
    (dir) => Effect.promise(() => dir.cleanup())
  ).pipe(Effect.map((dir) => dir.path))
