// The ingress sanitizer's detection engine: pure, synchronous, linear in the input.
// normalise -> invisible-character findings -> pattern rules (one prefilter pass) -> secrets ->
// encoded/hidden views decoded and rescanned (bounded depth) -> learned n-gram model.
import { findEncoded, rot13, type Decoded } from "./decode.ts"
import { detectPatterns, SEVERITY_RANK } from "./detect.ts"
import { scanJsonDepth } from "./json-depth.ts"
import { MODEL, scoreHeads, type HeadName, type Model } from "./model.ts"
import { neutralize, wrapUntrusted } from "./neutralize.ts"
import { normalize, toOriginal, type Normalized } from "./normalize.ts"
import type { Severity } from "./rules.ts"
import { scanSecrets } from "./secrets.ts"

export type { Severity } from "./rules.ts"

export interface Finding {
  readonly id: string
  readonly family: string
  readonly severity: Severity
  readonly span: readonly [number, number]
  readonly message: string
}

export interface ScanOptions {
  readonly maxBytes?: number
  readonly maxJsonDepth?: number
  readonly maxDecodeDepth?: number
  readonly source?: "user" | "email" | "webhook" | "tool" | "http"
  /** test/eval hook: score with this model instead of the shipped one, or none (`null`) */
  readonly model?: Model | null
}

export interface ScanResult {
  readonly normalized: string
  readonly findings: ReadonlyArray<Finding>
  readonly oversize: boolean
}

export const DEFAULT_MAX_BYTES = 100_000
export const DEFAULT_MAX_JSON_DEPTH = 32
export const DEFAULT_MAX_DECODE_DEPTH = 3

const maxSeverity = (fs: ReadonlyArray<Finding>): Severity | undefined => {
  let best: Severity | undefined
  for (const f of fs) if (best === undefined || SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]) best = f.severity
  return best
}

const preview = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s)

const invisibleFindings = (norm: Normalized): Array<Finding> => {
  const out: Array<Finding> = []
  const count = (spans: ReadonlyArray<readonly [number, number]>): number => spans.reduce((n, [a, b]) => n + (b - a), 0)
  if (norm.zeroWidth.length > 0) {
    const first = norm.zeroWidth[0] as readonly [number, number]
    out.push({ id: "obf.zero-width", family: "obfuscation", severity: "medium", span: [first[0], (norm.zeroWidth[norm.zeroWidth.length - 1] as readonly [number, number])[1]], message: `${count(norm.zeroWidth)} zero-width character(s) in ${norm.zeroWidth.length} run(s), removed for matching` })
  }
  if (norm.bidi.length > 0) {
    const first = norm.bidi[0] as readonly [number, number]
    out.push({ id: "obf.bidi", family: "obfuscation", severity: "medium", span: [first[0], (norm.bidi[norm.bidi.length - 1] as readonly [number, number])[1]], message: `${count(norm.bidi)} bidirectional control character(s), removed for matching` })
  }
  for (const t of norm.tags) {
    out.push({ id: "obf.tag-characters", family: "obfuscation", severity: "high", span: t.span, message: `invisible Unicode tag characters encoding hidden text ${preview(t.decoded)}` })
  }
  for (const c of norm.combining) {
    out.push({ id: "obf.combining-marks", family: "obfuscation", severity: "medium", span: c, message: `${c[1] - c[0]} stacked combining marks, removed for matching` })
  }
  for (const z of norm.nul) {
    out.push({ id: "obf.nul", family: "obfuscation", severity: "high", span: z, message: `${z[1] - z[0]} NUL byte(s)` })
  }
  return out
}

const DECODED_LABEL: Readonly<Record<Decoded["kind"], string>> = {
  base64: "base64-decoded", hex: "hex-decoded", url: "URL-decoded", rot13: "rot13-decoded", split: "concatenated split-string"
}

// rot13 is decoded only around the words that gave it away (at most ROT13_BUDGET characters in
// all), so a text stuffed with rot13 signs costs one bounded extra scan, not a full second one.
const ROT13_BEFORE = 300
const ROT13_AFTER = 700
const ROT13_BUDGET = 16_000

const rot13Views = (norm: Normalized, at: ReadonlyArray<number>): Array<Decoded> => {
  const out: Array<Decoded> = []
  let budget = ROT13_BUDGET
  let a = -1
  let b = -1
  const flush = (): void => {
    if (a < 0 || budget <= 0) return
    const end = Math.min(b, a + budget)
    budget -= end - a
    out.push({ kind: "rot13", span: toOriginal(norm, a, end), text: rot13(norm.text.slice(a, end)) })
  }
  for (const p of at) {
    const s = Math.max(0, p - ROT13_BEFORE)
    const e = Math.min(norm.text.length, p + ROT13_AFTER)
    if (a >= 0 && s <= b) b = Math.max(b, e)
    else {
      flush()
      a = s
      b = e
    }
  }
  flush()
  return out
}

interface Ctx {
  readonly maxDecodeDepth: number
  readonly model: Model | undefined
  readonly heads: ReadonlyArray<HeadName>
}

const scanText = (text: string, depth: number, ctx: Ctx): { norm: Normalized; findings: Array<Finding> } => {
  const norm = normalize(text)
  const findings = invisibleFindings(norm)
  const rot13At: Array<number> = []
  let split = false
  for (const hit of detectPatterns(norm.text)) {
    if (hit.rule.hint !== undefined) {
      if (hit.rule.hint === "rot13") rot13At.push(hit.start)
      else split = true
      continue
    }
    findings.push({ id: hit.rule.id, family: hit.rule.family, severity: hit.rule.severity, span: toOriginal(norm, hit.start, hit.end), message: hit.rule.message })
  }
  findings.push(...scanSecrets(text))
  if (depth < ctx.maxDecodeDepth) {
    for (const d of [...findEncoded(text, norm.text, { split }), ...rot13Views(norm, rot13At)]) {
      const span = d.span
      const inner = scanText(d.text, depth + 1, d.kind === "split" ? { ...ctx, heads: [] } : ctx).findings
      const label = DECODED_LABEL[d.kind]
      const worst = maxSeverity(inner)
      const serious = inner.filter((f) => SEVERITY_RANK[f.severity] >= 1)
      if (d.kind === "base64" || d.kind === "hex" || d.kind === "url" || serious.length > 0) {
        findings.push({
          id: `enc.${d.kind}`,
          family: "encoded",
          severity: worst !== undefined && SEVERITY_RANK[worst] >= 1 ? worst : "low",
          span,
          message: serious.length > 0
            ? `${label} text contains: ${[...new Set(serious.map((f) => f.id))].join(", ")}`
            : `${label} text (${d.text.length} characters), rescanned`
        })
      }
      for (const f of inner) findings.push({ ...f, span, message: `(in ${label} text) ${f.message}` })
    }
  }
  if (ctx.model !== undefined && ctx.heads.length > 0) {
    for (const s of scoreHeads(norm.text, ctx.model, ctx.heads)) {
      if (s.severity === undefined) continue
      findings.push({
        id: "model.ngram",
        family: "model",
        severity: s.severity,
        span: toOriginal(norm, s.windowStart, s.windowEnd),
        message: `n-gram model (${s.head} head) scores this passage as ${s.head === "direct" ? "a prompt-injection or jailbreak attempt" : "instructions aimed at the assistant inside data"}: p=${s.probability.toFixed(3)}`
      })
    }
  }
  return { norm, findings }
}

const dedupe = (findings: ReadonlyArray<Finding>): Array<Finding> => {
  const seen = new Set<string>()
  const out: Array<Finding> = []
  for (const f of findings) {
    const key = `${f.id}|${f.span[0]}|${f.span[1]}|${f.severity}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(f)
  }
  return out.sort((a, b) => a.span[0] - b.span[0] || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
}

const looksLikeJson = (text: string): boolean => /^\s{0,64}[[{]/.test(text)

export const scan = (text: string, options: ScanOptions = {}): ScanResult => {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const bytes = Buffer.byteLength(text, "utf8")
  if (bytes > maxBytes) {
    // refused whole: scanning a truncated prefix would pass whatever follows the cut
    return {
      normalized: "",
      oversize: true,
      findings: [{ id: "size.max-bytes", family: "size", severity: "high", span: [0, text.length], message: `input is ${bytes} bytes, over the ${maxBytes}-byte limit; not scanned` }]
    }
  }
  const model = options.model === null ? undefined : options.model ?? MODEL
  // The user's own messages are requests to the assistant by nature: only the direct head.
  // Data (email, webhook, tool output, HTTP bodies) gets the indirect head, trained on exactly
  // that; the direct head was trained on chat-like text and over-fires on documents such as
  // programming answers. With no source given, both.
  const heads: ReadonlyArray<HeadName> = options.source === "user" ? ["direct"] : options.source === undefined ? ["direct", "indirect"] : ["indirect"]
  const { norm, findings } = scanText(text, 0, { maxDecodeDepth: options.maxDecodeDepth ?? DEFAULT_MAX_DECODE_DEPTH, model, heads })
  if (looksLikeJson(text)) {
    const deep = scanJsonDepth(text, options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH)
    if (deep !== undefined) findings.push(deep)
  }
  return { normalized: norm.text, findings: dedupe(findings), oversize: false }
}

export { neutralize, scanJsonDepth, wrapUntrusted }
export { scanSecrets } from "./secrets.ts"
