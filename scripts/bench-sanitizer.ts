// Throughput and ReDoS benchmark for the sanitizer engine.
//   node scripts/bench-sanitizer.ts [--json]
// 1. MB/s on ~5 MB of clean English prose (BIPIA email contexts repeated), full engine and
//    patterns only, scanned in 100 KB messages (the default size limit).
// 2. MB/s on adversarial text (dense near-misses of every trigger).
// 3. ReDoS: for every rule and trigger, 100 KB near-miss inputs vs 100 KB of clean text; the
//    worst time ratio is reported (target <= 10x).
import { RULES } from "../actors/sanitizer/internal/detect.ts"
import { scan } from "../actors/sanitizer/internal/engine.ts"
import { bipiaContexts } from "./lib/datasets.ts"

const asJson = process.argv.includes("--json")
const SIZE = 100_000

const fill = (unit: string, size = SIZE): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size)

const clean = (() => {
  const prose = [...bipiaContexts("email", "train"), ...bipiaContexts("email", "test")].join("\n\n").replace(/[^\x00-\x7f]/g, " ")
  return fill(prose + "\n\n", 5_000_000)
})()

/** Best-of-n wall time in ms: scheduling noise only ever adds time. */
const time = (f: () => void, n = 5): number => {
  let best = Infinity
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    f()
    best = Math.min(best, performance.now() - t0)
  }
  return best
}

const throughput = (text: string, model: boolean): number => {
  const chunks: Array<string> = []
  for (let i = 0; i < text.length; i += SIZE) chunks.push(text.slice(i, i + SIZE))
  const opts = model ? { source: "email" as const } : { source: "email" as const, model: null }
  for (const c of chunks.slice(0, 5)) scan(c, opts) // warm-up
  const ms = time(() => {
    for (const c of chunks) scan(c, opts)
  }, 3)
  return Buffer.byteLength(text) / 1e6 / (ms / 1000)
}

// ---- near-miss generators
const nearMisses = (): Array<{ name: string; text: string }> => {
  const out: Array<{ name: string; text: string }> = []
  for (const rule of RULES) {
    for (const t of new Set(rule.triggers)) {
      out.push({ name: `${rule.id} "${t}" repeated`, text: fill(`${t} `) })
      out.push({ name: `${rule.id} "${t}" glued`, text: fill(t) })
      out.push({ name: `${rule.id} "${t}" + words`, text: fill(`${t} ${"all the your previous of that ".repeat(3)}`) })
      out.push({ name: `${rule.id} "${t}" + separators`, text: fill(`${t}-_-*~.- `) })
    }
  }
  const extra: Record<string, string> = {
    "markdown image, no query": "![x](https://host.example/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "markdown image runs": "![",
    "markdown link template": "](https://a/?{",
    "special-token runs": "<|",
    "special-token closers": "|>",
    "base64-like run": "a",
    "base64 mixed run": "QUJDRE",
    "hex run": "4a",
    "hex escapes": "\\x4",
    "url-encoding": "%4",
    "url-encoding run": "%41%42",
    "decimal codes": "105, 103, 110, ",
    "decimal codes near-miss": "105, 103, 1",
    "binary octets": "01101001 ",
    "binary near-miss": "0110100 ",
    "0x codes": "0x69 ",
    "base32 run": "NFTW433SMUQ",
    "quotes (payload split)": "'a' + ",
    "jwt near-miss": "ey-",
    "jwt long": "eyJ",
    "aws near-miss": "AKIA",
    "openai near-miss": "sk-proj-",
    "generic secret": "api_key=",
    "pem near-miss": "-----BEGIN ",
    "html comment": "<!-- ",
    "css": "color: ",
    "zero-width": "a\u200b",
    "combining marks": "a\u0301\u0302\u0303",
    "tag characters": "\u{E0061}",
    "json depth": "[",
    "newlines": "\n",
    "sentence ends": ". ",
    "long word": "x"
  }
  for (const [name, unit] of Object.entries(extra)) out.push({ name, text: fill(unit) })
  return out
}

const fullMBs = throughput(clean, true)
const patternsMBs = throughput(clean, false)
const cleanSample = clean.slice(0, SIZE)
const cleanMs = time(() => scan(cleanSample, { source: "email" }), 9)

const cases = nearMisses()
const ratios = cases.map((c) => {
  const ms = time(() => scan(c.text, { source: "email", maxBytes: 10 * SIZE }), 3)
  return { name: c.name, ms, ratio: ms / cleanMs }
})
ratios.sort((a, b) => b.ratio - a.ratio)
const adversarial = cases.map((c) => c.text).join("").slice(0, 5_000_000)
const adversarialMBs = throughput(adversarial, true)

const result = {
  cleanEnglishMBs: { full: +fullMBs.toFixed(1), patternsOnly: +patternsMBs.toFixed(1) },
  adversarialMBs: +adversarialMBs.toFixed(1),
  redos: { cases: ratios.length, clean100KBms: +cleanMs.toFixed(2), worst: ratios.slice(0, 10).map((r) => ({ name: r.name, ms: +r.ms.toFixed(2), ratio: +r.ratio.toFixed(2) })) }
}
if (asJson) console.log(JSON.stringify(result))
else {
  console.log(`clean English (100 KB messages): ${result.cleanEnglishMBs.full} MB/s full engine, ${result.cleanEnglishMBs.patternsOnly} MB/s patterns only`)
  console.log(`adversarial text: ${result.adversarialMBs} MB/s`)
  console.log(`ReDoS: ${ratios.length} near-miss inputs of 100 KB vs clean 100 KB (${cleanMs.toFixed(2)} ms); worst ratios:`)
  for (const r of result.redos.worst) console.log(`  ${r.ratio.toFixed(2).padStart(7)}x  ${r.ms.toFixed(2).padStart(8)} ms  ${r.name}`)
}
