import { Result } from "effect"
import { ConfigError } from "./ConfigError.ts"

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/

/**
 * Parses the small `.env` dialect IronClaw reads: `KEY=VALUE`, blank lines,
 * `#` comments, an optional `export ` prefix, and values in single or double
 * quotes (no escapes, no interpolation, no multi-line values). Unquoted values
 * are trimmed and end at ` #`. A line that is none of these is an error naming
 * the file and line; its text is not echoed because it may hold a secret.
 */
export const parseDotenv = (path: string, text: string): Result.Result<ReadonlyMap<string, string>, ConfigError> => {
  const entries = new Map<string, string>()
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim()
    if (line === "" || line.startsWith("#")) continue
    const match = LINE.exec(line)
    const value = match === null ? undefined : unquote(match[2] ?? "")
    if (match === null || value === undefined) {
      return Result.fail(
        new ConfigError({
          key: match?.[1] ?? "",
          source: path,
          line: i + 1,
          message: `invalid configuration: ${path} line ${i + 1} is not KEY=VALUE (with an optional export prefix, quotes, and # comments)`
        })
      )
    }
    entries.set(match[1] ?? "", value)
  }
  return Result.succeed(entries)
}

const unquote = (raw: string): string | undefined => {
  const quote = raw[0]
  if (quote === "\"" || quote === "'") {
    const end = raw.indexOf(quote, 1)
    if (end === -1) return undefined
    const rest = raw.slice(end + 1).trim()
    return rest === "" || rest.startsWith("#") ? raw.slice(1, end) : undefined
  }
  const comment = raw.search(/\s#/)
  return (comment === -1 ? raw : raw.slice(0, comment)).trim()
}
