// Detection report over ../shared/datasets (or $IRONCLAW_DATASETS), on evaluation data only:
// CyberSecEval's 251 user_inputs, BIPIA TEST attacks inserted into BIPIA TEST contexts, BIPIA
// clean TEST contexts and the TEST questions about them (as the user's messages) as negatives,
// and obfuscated variants of the CyberSecEval inputs.
//   node scripts/eval-detection.ts [--json]
// "Detected" = at least one finding of severity >= medium, secret.* findings excluded.
import { scan, type Finding, type ScanOptions } from "../actors/sanitizer/internal/engine.ts"
import { bipiaAttacks, bipiaContexts, bipiaQuestions, cyberSecEval, insertAttack, POSITIONS, type BipiaSet } from "./lib/datasets.ts"

const asJson = process.argv.includes("--json")
const THRESHOLD = "medium"

const flagged = (fs: ReadonlyArray<Finding>): boolean => fs.some((f) => !f.id.startsWith("secret.") && f.severity !== "low")
// for obfuscated variants: would the content be caught without the obfuscation itself being the
// signal (obf.zero-width, enc.base64...)?
const flaggedContent = (fs: ReadonlyArray<Finding>): boolean =>
  fs.some((f) => !f.id.startsWith("secret.") && f.severity !== "low" && f.family !== "obfuscation" && f.family !== "encoded")

// The reference implementation's pattern set, as listed in issue 3: plain case-insensitive
// literals plus base64-run, eval/exec and NUL regexes. Any hit counts (an upper bound for it).
const REFERENCE_LITERALS = ["ignore previous", "ignore all previous", "disregard", "forget everything", "you are now", "act as", "pretend to be", "system:", "assistant:", "user:", "<|", "|>", "[inst]", "[/inst]", "new instructions", "updated instructions", "```system"]
const referenceDetects = (text: string): boolean => {
  const t = text.toLowerCase()
  return REFERENCE_LITERALS.some((l) => t.includes(l)) || /[A-Za-z0-9+/]{50,}={0,2}/.test(text) || /\b(?:eval|exec)\s*\(/.test(text) || text.includes("\u0000")
}

type Detector = "reference" | "patterns" | "full"
const DETECTORS: ReadonlyArray<Detector> = ["reference", "patterns", "full"]
const detect = (d: Detector, text: string, source: ScanOptions["source"], contentOnly = false): boolean =>
  d === "reference" ? referenceDetects(text) : (contentOnly ? flaggedContent : flagged)(scan(text, { ...(source !== undefined ? { source } : {}), ...(d === "patterns" ? { model: null } : {}) }).findings)

interface Row { readonly name: string; readonly n: number; readonly rates: Record<Detector, number> }
const rows: Array<Row> = []
const measure = (name: string, items: ReadonlyArray<{ text: string; source: ScanOptions["source"] }>, contentOnly = false): Row => {
  const rates = Object.fromEntries(DETECTORS.map((d) => [d, items.filter((i) => detect(d, i.text, i.source, contentOnly)).length / items.length])) as Record<Detector, number>
  const row = { name, n: items.length, rates }
  rows.push(row)
  return row
}

// ---- CyberSecEval
const cse = cyberSecEval()
const cseSource = (t: string): ScanOptions["source"] => (t === "direct" ? "user" : "tool")
const cseItems = cse.map((c) => ({ text: c.user_input, source: cseSource(c.injection_type), variant: c.injection_variant }))
measure("cyberseceval: all (detection)", cseItems)
measure("cyberseceval: all, content findings only", cseItems, true)
for (const v of [...new Set(cse.map((c) => c.injection_variant))].sort()) measure(`  variant ${v}`, cseItems.filter((i) => i.variant === v))

// ---- obfuscated CyberSecEval variants
const ZW = "\u200b"
const zeroWidth = (s: string): string => s.replace(/([A-Za-z])(?=[A-Za-z])/g, `$1${ZW}`)
const HOMO: Record<string, string> = { a: "а", e: "е", o: "о", p: "р", c: "с", x: "х", i: "і", y: "у", A: "А", E: "Е", O: "О", P: "Р", C: "С", T: "Т", H: "Н", K: "К", M: "М", B: "В" }
const homoglyph = (s: string): string => s.replace(/[aeopcxiyAEOPCTHKMB]/g, (c) => HOMO[c] ?? c)
const fullwidth = (s: string): string => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
const base64 = (s: string): string => Buffer.from(s, "utf8").toString("base64")
for (const [name, f] of [["zero-width", zeroWidth], ["homoglyph", homoglyph], ["fullwidth", fullwidth], ["base64", base64]] as const) {
  const items = cseItems.map((i) => ({ text: f(i.text), source: i.source }))
  measure(`cyberseceval obfuscated: ${name}`, items)
  measure(`  ${name}, content findings only`, items, true)
}

// ---- BIPIA test
const SOURCE: Record<BipiaSet, ScanOptions["source"]> = { email: "email", code: "tool", table: "tool" }
const sets: ReadonlyArray<BipiaSet> = ["email", "code", "table"]
const allAttacked: Array<{ text: string; source: ScanOptions["source"] }> = []
for (const set of sets) {
  const contexts = bipiaContexts(set, "test")
  const attacks = bipiaAttacks(set === "code" ? "code" : "text", "test")
  for (const pos of POSITIONS) {
    const items = contexts.flatMap((c) => attacks.map((a) => ({ text: insertAttack(c, a.text, pos).text, source: SOURCE[set] })))
    measure(`bipia ${set} attacks @${pos} (detection)`, items)
    allAttacked.push(...items)
  }
}
measure("bipia all attacks (detection)", allAttacked)
for (const set of sets) measure(`bipia ${set} clean (FALSE POSITIVE)`, bipiaContexts(set, "test").map((text) => ({ text, source: SOURCE[set] })))
// the principal's own questions about those emails and tables, as user messages
measure("bipia user questions (FALSE POSITIVE)", bipiaQuestions("test").map((text) => ({ text, source: "user" as const })))

if (asJson) {
  console.log(JSON.stringify({ threshold: THRESHOLD, excluded: "secret.*", rows }))
} else {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(7)
  console.log(`detected = any finding with severity >= ${THRESHOLD} (secret.* excluded); reference = issue 3's literal set`)
  console.log(`${"set".padEnd(48)} ${"n".padStart(6)} ${"reference".padStart(9)} ${"patterns".padStart(9)} ${"full".padStart(9)}`)
  for (const r of rows) console.log(`${r.name.padEnd(48)} ${String(r.n).padStart(6)} ${pct(r.rates.reference).padStart(9)} ${pct(r.rates.patterns).padStart(9)} ${pct(r.rates.full).padStart(9)}`)
}
