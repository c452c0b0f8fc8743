/**
 * `ironclaw scan`: the trust boundary on demand — normalisation, detection, the secret scan and
 * the judge's policy — over one text or, with `--batch`, over JSON lines, in one process.
 */
import { randomBytes } from "node:crypto"
import { Cause, Schema } from "effect"
import { evaluate } from "../actors/judge/index.ts"
import type { CompiledPolicy } from "../actors/judge/index.ts"
import { effectiveTrust, present, scan } from "../actors/sanitizer/index.ts"
import type { Finding, Source, Verdict } from "../schemas/index.ts"

export const ScanSource = Schema.Literals(["user", "email", "webhook", "tool", "http"])

export interface ScanReport {
  readonly verdict: Verdict
  readonly findings: ReadonlyArray<Pick<Finding, "id" | "severity" | "span" | "message">>
  readonly sanitized: string
}

export const scanText = (policy: CompiledPolicy, text: string, source: Source, maxBytes: number): ScanReport => {
  const trust = effectiveTrust({ source, trust: "principal" })
  const result = scan(text, { maxBytes, source })
  const judged = evaluate(policy, { text: result.oversize ? "" : text, findings: result.findings, channel: "cli", sender: "scan", trust, source })
  // the report never echoes a secret back, even to the terminal it came from
  const sanitized = result.oversize
    ? ""
    : present(redactSecrets(text, result.findings), trust, source, randomBytes(12).toString("base64url"))
  return {
    verdict: judged.verdict,
    findings: judged.findings.map((f) => ({ id: f.id, severity: f.severity, span: f.span, message: f.message })),
    sanitized
  }
}

const redactSecrets = (text: string, findings: ReadonlyArray<Finding>): string => {
  const secrets = findings.filter((f) => f.family === "secret").sort((a, b) => b.span[0] - a.span[0])
  let out = text
  let limit = Number.POSITIVE_INFINITY
  for (const f of secrets) {
    if (f.span[1] > limit) continue // overlaps one already redacted
    out = `${out.slice(0, f.span[0])}[REDACTED ${f.id}]${out.slice(f.span[1])}`
    limit = f.span[0]
  }
  return out
}

export const formatReport = (report: ScanReport): string => {
  const lines = [`verdict: ${report.verdict}`]
  if (report.findings.length === 0) lines.push("findings: none")
  for (const f of report.findings) lines.push(`  ${f.severity.padEnd(8)} ${f.id} [${f.span[0]}, ${f.span[1]}) ${f.message}`)
  return lines.join("\n")
}

const BatchLine = Schema.Struct({ id: Schema.Union([Schema.String, Schema.Number]), text: Schema.String, source: Schema.optionalKey(ScanSource) })
const decodeLine = Schema.decodeUnknownExit(Schema.fromJsonString(BatchLine))

/** One result line per input line; a bad line gets an error line and the batch goes on. */
export const scanBatchLine = (policy: CompiledPolicy, line: string, lineNumber: number, defaultSource: Source, maxBytes: number): string => {
  const decoded = decodeLine(line)
  if (decoded._tag === "Failure") {
    const id = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(line)?.[1]
    return JSON.stringify({ id: id === undefined ? null : JSON.parse(id), error: `line ${lineNumber}: expected {"id", "text", "source"?} JSON (${firstLine(decoded.cause)})` })
  }
  const { id, source, text } = decoded.value
  return JSON.stringify({ id, ...scanText(policy, text, source ?? defaultSource, maxBytes) })
}

const firstLine = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200)
}
