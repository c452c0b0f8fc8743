/**
 * Effect's logger routed to pino on stderr (stdout stays free for `--json` data): pretty on a
 * terminal, one JSON object a line otherwise.
 */
import { Layer, Logger, References } from "effect"
import type { LogLevel } from "effect"
import pino from "pino"
import pretty from "pino-pretty"
import type { LogLevel as ConfigLogLevel } from "../config/IronclawConfig.ts"

const toPino: Record<LogLevel.Severity, pino.Level> = {
  Fatal: "fatal",
  Error: "error",
  Warn: "warn",
  Info: "info",
  Debug: "debug",
  Trace: "trace"
}

const toEffect: Record<ConfigLogLevel, LogLevel.LogLevel> = {
  trace: "Trace",
  debug: "Debug",
  info: "Info",
  warn: "Warn",
  error: "Error",
  fatal: "Fatal"
}

export const makePino = (level: ConfigLogLevel, tty = process.stderr.isTTY === true): pino.Logger =>
  tty
    ? pino({ level }, pretty({ destination: 2, sync: true, colorize: true }))
    : pino({ level }, pino.destination({ fd: 2, sync: true }))

/** Replaces Effect's default logger with pino at the configured level. */
export const layer = (level: ConfigLogLevel, tty?: boolean) => {
  const log = makePino(level, tty)
  const logger = Logger.make<unknown, void>(({ fiber, logLevel, message }) => {
    if (logLevel === "All" || logLevel === "None") return
    const parts = Array.isArray(message) ? message : [message]
    const fields: Record<string, unknown> = { ...fiber.getRef(References.CurrentLogAnnotations) }
    const text: Array<string> = []
    for (const part of parts) {
      if (typeof part === "string") text.push(part)
      else if (typeof part === "object" && part !== null && !Array.isArray(part)) Object.assign(fields, part)
      else text.push(String(part))
    }
    log[toPino[logLevel]](fields, text.join(" "))
  })
  return Layer.mergeAll(
    Logger.layer([logger]),
    Layer.succeed(References.MinimumLogLevel, toEffect[level])
  )
}
