// The ingress sanitizer's detection engine: pure, synchronous, linear in the input.
// normalise -> invisible-character findings -> pattern rules (one prefilter pass) -> secrets ->
// encoded/hidden views decoded and rescanned (bounded depth) -> learned n-gram model.
import { findEncoded, type Decoded } from "./decode.ts"
import { detectPatterns, SEVERITY_RANK } from "./detect.ts"
import { scanJsonDepth } from "./json-depth.ts"
import { MODEL, scoreViews, type HeadName, type Model } from "./model.ts"
import { neutralize, wrapUntrusted } from "./neutralize.ts"
import { normalize, toOriginal, type Normalized } from "./normalize.ts"
import type { Severity } from "./rules.ts"
import { scanSecrets } from "./secrets.ts"
import { leetView, reversedViews, rot13Views, spacedView } from "./views.ts"

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
    // the hidden text is quoted to say what was smuggled, unless it carries a secret
    const hiddenSecrets = scanSecrets(t.decoded)
    for (const f of hiddenSecrets) out.push({ ...f, span: t.span, message: `(hidden in tag characters) ${f.message}` })
    const shown = hiddenSecrets.length > 0 ? "(containing a secret; not shown)" : preview(t.decoded)
    out.push({ id: "obf.tag-characters", family: "obfuscation", severity: "high", span: t.span, message: `invisible Unicode tag characters encoding hidden text ${shown}` })
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
  base64: "base64-decoded", base32: "base32-decoded", codes: "character-code-decoded", hex: "hex-decoded", url: "URL-decoded", escape: "unescaped (\\u / &#)", rot13: "rot13-decoded",
  reversed: "reversed", leet: "leetspeak-folded", spaced: "spaced-letter-joined", split: "concatenated split-string"
}

interface Ctx {
  readonly maxDecodeDepth: number
  readonly model: Model | undefined
  readonly heads: ReadonlyArray<HeadName>
  /** data, not the user's own message: the direct head uses its stricter data thresholds */
  readonly inData: boolean
}

const scanText = (text: string, depth: number, ctx: Ctx): { norm: Normalized; findings: Array<Finding> } => {
  const norm = normalize(text)
  const findings = invisibleFindings(norm)
  const rot13At: Array<number> = []
  const reversedAt: Array<number> = []
  let split = false
  const { hits, facts } = detectPatterns(norm.text)
  for (const hit of hits) {
    if (hit.rule.hint !== undefined) {
      if (hit.rule.hint === "rot13") rot13At.push(hit.start)
      else if (hit.rule.hint === "reversed") reversedAt.push(hit.start)
      else split = true
      continue
    }
    findings.push({ id: hit.rule.id, family: hit.rule.family, severity: hit.rule.severity, span: toOriginal(norm, hit.start, hit.end), message: hit.rule.message })
  }
  findings.push(...scanSecrets(text))
  if (depth < ctx.maxDecodeDepth) {
    const views = [...findEncoded(text, norm.text, { split }), ...rot13Views(norm, rot13At), ...reversedViews(norm, reversedAt), ...leetView(norm, facts.leetEdges), ...spacedView(norm, facts.spacedStart)]
    for (const d of views) {
      const span = d.span
      // views that keep most of the text (split strings, leetspeak) get patterns only: the model
      // already scored the text they came from
      const patternsOnly = d.kind === "split" || d.kind === "leet"
      const inner = scanText(d.text, depth + 1, patternsOnly ? { ...ctx, heads: [] } : ctx).findings
      const label = DECODED_LABEL[d.kind]
      const worst = maxSeverity(inner)
      const serious = inner.filter((f) => SEVERITY_RANK[f.severity] >= 1)
      if (d.kind === "base64" || d.kind === "base32" || d.kind === "codes" || d.kind === "hex" || d.kind === "url" || d.kind === "escape" || serious.length > 0) {
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
    // text with non-ASCII letters may be in another language: scored on its gloss view too
    for (const s of scoreViews(norm.text, ctx.model, ctx.heads, ctx.inData, norm.map !== undefined)) {
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

/**
 * Drops repeated findings (same id, span and severity; the first is kept) and sorts by start,
 * most severe first, stable. Sorting first (stable) puts repeats into the same run of equal start
 * and severity, in their original order, so each finding is compared only within its run, not
 * keyed by a string (near-miss text can carry 50,000 findings).
 */
const dedupe = (findings: Array<Finding>): Array<Finding> => {
  findings.sort((a, b) => a.span[0] - b.span[0] || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
  const out: Array<Finding> = []
  let run = 0
  for (const f of findings) {
    const head = out[run]
    if (head !== undefined && (head.span[0] !== f.span[0] || head.severity !== f.severity)) run = out.length
    let repeat = false
    for (let i = run; i < out.length && !repeat; i++) {
      const o = out[i] as Finding
      repeat = o.id === f.id && o.span[1] === f.span[1]
    }
    if (!repeat) out.push(f)
  }
  return out
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
  // programming answers, so on data it only counts above its stricter data thresholds (a
  // jailbreak pasted into a document). With no source given, both at their own thresholds.
  const inData = options.source !== undefined && options.source !== "user"
  const heads: ReadonlyArray<HeadName> = options.source === "user" ? ["direct"] : options.source === undefined ? ["direct", "indirect"] : model?.direct.dataThresholds !== undefined ? ["indirect", "direct"] : ["indirect"]
  // An ASCII input (as many bytes as characters) is copied into a fresh flat string first: a slice
  // of a larger string is valid input too, and V8 runs toLowerCase, indexOf and the regexes
  // several times slower on one (a 100 KB slice: 0.24 ms to lower-case instead of 0.013). The
  // copy costs ~0.03 ms per 100 KB.
  const input = bytes === text.length ? Buffer.from(text, "latin1").toString("latin1") : text
  const { norm, findings } = scanText(input, 0, { maxDecodeDepth: options.maxDecodeDepth ?? DEFAULT_MAX_DECODE_DEPTH, model, heads, inData })
  if (looksLikeJson(text)) {
    const deep = scanJsonDepth(text, options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH)
    if (deep !== undefined) findings.push(deep)
  }
  return { normalized: norm.text, findings: dedupe(findings), oversize: false }
}

export { neutralize, scanJsonDepth, wrapUntrusted }
export { scanSecrets } from "./secrets.ts"
