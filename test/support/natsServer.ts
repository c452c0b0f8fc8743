import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as path from "node:path"
import { Effect, type Scope } from "effect"
import { makeTempDir } from "./tmp.ts"

export interface NatsServerOptions {
  /**
   * Extra nats-server configuration text, e.g. an `authorization { users: [...] }`
   * block. It must not set `host`, `port` or `jetstream`: the harness does.
   */
  readonly config?: string
  /** Default true. */
  readonly jetstream?: boolean
}

export interface NatsServer {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string
  readonly port: number
  /** Stops the server and removes its folder; safe to call twice. */
  readonly stop: () => Promise<void>
  /** Stops the server, then starts it again on the same port with the same JetStream store. */
  readonly restart: () => Promise<void>
  /** The server's recent log output (stderr), for assertions and failure messages. */
  readonly logs: () => string
}

const READY_TIMEOUT_MS = 5_000
const STOP_GRACE_MS = 3_000
const MAX_LOG_CHARS = 16_000
const SEARCH_DIRS = ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"]

/** The nats-server binary: PATH first, then the usual system folders. Throws if absent: tests never skip. */
export const findNatsServer = (
  dirs: ReadonlyArray<string> = [...(process.env["PATH"] ?? "").split(path.delimiter).filter((d) => d !== ""), ...SEARCH_DIRS]
): string => {
  for (const dir of dirs) {
    const candidate = path.join(dir, "nats-server")
    try {
      fs.accessSync(candidate, fs.constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  throw new Error("nats-server not found: install it with apt-get install -y nats-server")
}

/** A port the OS has just handed out on loopback. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => (address !== null && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))))
    })
  })

// Servers still running when the test process exits are killed, so a crashed
// test file never leaves one behind.
const running = new Set<ChildProcess>()
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL")
})

/**
 * Starts a fresh `nats-server` on a free loopback port with its own folder,
 * and waits until it accepts connections.
 */
export const startNatsServer = async (options: NatsServerOptions = {}): Promise<NatsServer> => {
  const binary = findNatsServer()
  const dir = await makeTempDir("ironclaw-nats-")
  const configFile = path.join(dir.path, "server.conf")
  let log = ""
  let child: ChildProcess | undefined
  let stopped = false

  const launch = async (port: number): Promise<void> => {
    fs.writeFileSync(configFile, serverConfig(port, path.join(dir.path, "jetstream"), options))
    log = ""
    const proc = spawn(binary, ["-c", configFile], { stdio: ["ignore", "ignore", "pipe"] })
    running.add(proc)
    proc.stderr?.setEncoding("utf8")
    proc.stderr?.on("data", (chunk: string) => {
      log = (log + chunk).slice(-MAX_LOG_CHARS)
    })
    const exited = new Promise<never>((_, reject) => {
      proc.once("exit", (code, signal) => {
        running.delete(proc)
        reject(new Error(`nats-server exited during start-up (code ${code}, signal ${signal}):\n${log}`))
      })
      proc.once("error", (error) => reject(new Error(`cannot run ${binary}: ${error.message}`)))
    })
    exited.catch(() => {}) // observed below; avoid an unhandled rejection once the server is up
    child = proc
    try {
      await Promise.race([exited, waitUntilReady(port, () => log.includes("Server is ready"))])
    } catch (error) {
      await kill(proc)
      throw error instanceof Error && !error.message.includes(log) ? new Error(`${error.message}:\n${log}`) : error
    }
  }

  const launchWithRetries = async (choosePort: () => Promise<number>): Promise<number> => {
    for (let attempt = 1; ; attempt++) {
      const port = await choosePort()
      try {
        await launch(port)
        return port
      } catch (error) {
        // Another process may take the port between freePort() and the server's bind.
        if (attempt >= 5 || !/address already in use/i.test(String(error))) throw error
        await sleep(100)
      }
    }
  }

  let port: number
  try {
    port = await launchWithRetries(freePort)
  } catch (error) {
    await dir.cleanup()
    throw error
  }

  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    logs: () => log,
    stop: async () => {
      if (stopped) return
      stopped = true
      if (child !== undefined) await kill(child)
      await dir.cleanup()
    },
    restart: async () => {
      if (stopped) throw new Error("restart() after stop()")
      if (child !== undefined) await kill(child)
      await launchWithRetries(async () => port)
    }
  }
}

/** `startNatsServer` for scoped effects: stopped when the scope closes. */
export const NatsServerLive = (options: NatsServerOptions = {}): Effect.Effect<NatsServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => startNatsServer(options)),
    (server) => Effect.promise(() => server.stop())
  )

const serverConfig = (port: number, storeDir: string, options: NatsServerOptions): string =>
  [
    `host: "127.0.0.1"`,
    `port: ${port}`,
    options.jetstream === false ? "" : `jetstream { store_dir: ${JSON.stringify(storeDir)} }`,
    options.config ?? ""
  ].join("\n") + "\n"

// Both: the log line proves it is our server that bound the port, the connection that it serves it.
const waitUntilReady = async (port: number, logSaysReady: () => boolean): Promise<void> => {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (logSaysReady() && (await canConnect(port))) return
    await sleep(20)
  }
  throw new Error(`nats-server did not accept connections on 127.0.0.1:${port} within ${READY_TIMEOUT_MS} ms`)
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port })
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => {
      socket.destroy()
      resolve(false)
    })
  })

const kill = async (proc: ChildProcess): Promise<void> => {
  if (proc.exitCode !== null || proc.signalCode !== null) {
    running.delete(proc)
    return
  }
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()))
  proc.kill("SIGTERM")
  const timer = setTimeout(() => proc.kill("SIGKILL"), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
  running.delete(proc)
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
