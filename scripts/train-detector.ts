// Trains the sanitizer's n-gram model (two logistic-regression heads over hashed features) on
// TRAIN data only: BIPIA {email,code,table}/train.jsonl contexts, BIPIA *_attack_train.json
// attacks inserted at start/middle/end, and synthetic text from scripts/lib/synthetic.ts.
// Never reads a test split or CyberSecEval. Thresholds are calibrated on a held-out fifth of the
// train contexts and train attacks (never seen in training). Writes actors/sanitizer/model/ngram-model.json.
//
//   node scripts/train-detector.ts [--out path]
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { BUCKETS, HASH_BITS, windowFeatures } from "../actors/sanitizer/internal/features.ts"
import { decodeHead, scoreHeads, type HeadFile, type HeadName, type Model, type ModelFile } from "../actors/sanitizer/internal/model.ts"
import { normalize } from "../actors/sanitizer/internal/normalize.ts"
import type { Severity } from "../actors/sanitizer/internal/rules.ts"
import { bipiaAttacks, bipiaContexts, datasetsDir, insertAttack, POSITIONS, rng, type BipiaSet } from "./lib/datasets.ts"
import { benignDocument, directInjection, hiddenTask, userRequest, type Rand } from "./lib/synthetic.ts"

const args = process.argv.slice(2)
const outPath = args.includes("--out") ? (args[args.indexOf("--out") + 1] as string) : new URL("../actors/sanitizer/model/ngram-model.json", import.meta.url).pathname

interface Sample {
  readonly features: Int32Array
  readonly y: 0 | 1
}

const negatives = (text: string): Array<Sample> => windowFeatures(normalize(text).text).map((w) => ({ features: w.features, y: 0 as const }))

/**
 * Positive windows: the shortest window that holds the whole attack, and one more holding it with
 * some context. Offsets are mapped approximately (normalisation rarely changes lengths here).
 */
const positives = (text: string, start: number, length: number): Array<Sample> => {
  const norm = normalize(text).text
  const ws = windowFeatures(norm)
  const scale = norm.length / Math.max(1, text.length)
  const a = Math.floor(start * scale) + 1
  const b = Math.floor((start + length) * scale) - 1
  const holding = ws.filter((w) => w.start <= a && w.end >= b).sort((x, y) => x.end - x.start - (y.end - y.start))
  if (holding.length === 0) {
    const best = ws.reduce((p, w) => (Math.min(b, w.end) - Math.max(a, w.start) > Math.min(b, p.end) - Math.max(a, p.start) ? w : p), ws[0] as { start: number; end: number; features: Int32Array })
    return [{ features: best.features, y: 1 }]
  }
  const out: Array<Sample> = [{ features: (holding[0] as { features: Int32Array }).features, y: 1 }]
  if (holding.length > 1) out.push({ features: pick(holding.slice(1)).features, y: 1 })
  return out
}

const trainHead = (samples: ReadonlyArray<Sample>, r: Rand, epochs: number): { weights: Float64Array; bias: number } => {
  const w = new Float64Array(BUCKETS)
  const g2 = new Float64Array(BUCKETS)
  let bias = 0
  let gb = 0
  const pos = samples.filter((s) => s.y === 1).length
  const neg = samples.length - pos
  // balance the classes
  const cw = { 1: samples.length / (2 * pos), 0: samples.length / (2 * neg) }
  const lr = Number(process.env["LR"] ?? 0.2)
  const l2 = Number(process.env["L2"] ?? 1e-6)
  const order = samples.map((_, i) => i)
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1))
      ;[order[i], order[j]] = [order[j] as number, order[i] as number]
    }
    let loss = 0
    for (const idx of order) {
      const s = samples[idx] as Sample
      const v = 1 / Math.sqrt(Math.max(1, s.features.length))
      let z = bias
      for (const f of s.features) z += (w[f] as number) * v
      const p = 1 / (1 + Math.exp(-z))
      loss += -cw[s.y] * (s.y === 1 ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12))
      const g = (p - s.y) * cw[s.y]
      for (const f of s.features) {
        const grad = g * v + l2 * (w[f] as number)
        g2[f] = (g2[f] as number) + grad * grad
        w[f] = (w[f] as number) - (lr * grad) / Math.sqrt((g2[f] as number) + 1e-8)
      }
      gb += g * g
      bias -= (lr * g) / Math.sqrt(gb + 1e-8)
    }
    console.error(`  epoch ${e + 1}: mean loss ${(loss / samples.length).toFixed(4)}`)
  }
  return { weights: w, bias }
}

const quantise = (weights: Float64Array, bias: number): Omit<HeadFile, "thresholds"> => {
  let max = 0
  for (const x of weights) max = Math.max(max, Math.abs(x))
  const scale = max / 127 || 1
  const q = new Int8Array(BUCKETS)
  for (let i = 0; i < BUCKETS; i++) q[i] = Math.max(-127, Math.min(127, Math.round((weights[i] as number) / scale)))
  return { bias, scale, weights: Buffer.from(q.buffer).toString("base64") }
}

const quantile = (xs: ReadonlyArray<number>, q: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 1
}

// Severity thresholds from held-out negatives: medium lets through at most ~1 % of them, high
// ~0.25 %, critical none; low is a hint only.
const rate = (xs: ReadonlyArray<number>, t: number): string => `${((100 * xs.filter((x) => x >= t).length) / xs.length).toFixed(1)}%`

const calibrate = (negScores: ReadonlyArray<number>): Record<Severity, number> => {
  const up = (x: number): number => Math.min(1 - 1e-9, x + (1 - x) * 0.01)
  const medium = Math.max(0.5, up(quantile(negScores, 0.99)))
  const high = Math.max(medium, 0.7, up(quantile(negScores, 0.9975)))
  const critical = Math.max(high, 0.95, up(Math.max(...negScores)))
  const low = Math.min(medium, Math.max(0.35, up(quantile(negScores, 0.95))))
  return { low, medium, high, critical }
}

// ------------------------------------------------------------------------------------- data
const r = rng(20261124)
const sets: ReadonlyArray<BipiaSet> = ["email", "code", "table"]
const held = (i: number): boolean => i % 5 === 4
const contexts = Object.fromEntries(sets.map((s) => [s, bipiaContexts(s, "train")])) as Record<BipiaSet, Array<string>>
const trainCtx = Object.fromEntries(sets.map((s) => [s, contexts[s].filter((_, i) => !held(i))])) as Record<BipiaSet, Array<string>>
const heldCtx = Object.fromEntries(sets.map((s) => [s, contexts[s].filter((_, i) => held(i))])) as Record<BipiaSet, Array<string>>
const attacks = { text: bipiaAttacks("text", "train"), code: bipiaAttacks("code", "train") }
const trainAtk = { text: attacks.text.filter((_, i) => !held(i)).map((a) => a.text), code: attacks.code.filter((_, i) => !held(i)).map((a) => a.text) }
const heldAtk = { text: attacks.text.filter((_, i) => held(i)).map((a) => a.text), code: attacks.code.filter((_, i) => held(i)).map((a) => a.text) }
const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(r() * xs.length)] as T

const synthContext = (set: BipiaSet): string => {
  // synthetic documents of the same kind widen the tiny email and code sets
  for (;;) {
    const d = benignDocument(r)
    const kind = d.startsWith("SUBJECT:") ? "email" : d.startsWith("|") ? "table" : d.includes("```") ? "code" : "email"
    if (kind === set || r() < 0.2) return d
  }
}

const contextFor = (set: BipiaSet, pool: Record<BipiaSet, Array<string>>): string => (r() < 0.6 ? pick(pool[set]) : synthContext(set))

const attackFor = (set: BipiaSet, pool: { text: Array<string>; code: Array<string> }): string =>
  r() < 0.35 ? pick(set === "code" ? pool.code : pool.text) : hiddenTask(r)

// Paired sampling: every attacked window comes with the same context's clean window, so the
// model learns the inserted instruction, not the kind of document it was inserted into.
const paired = (out: Array<Sample>, context: string, attack: string): void => {
  const { text, start } = insertAttack(context, attack, pick(POSITIONS))
  out.push(...positives(text, start, attack.length))
  const clean = negatives(context)
  for (let k = 0; k < 2 && clean.length > 0; k++) out.push(pick(clean))
}

// extra benign code: the train split's own code and error fields (still train data)
const codeExtras = readFileSync(join(datasetsDir(), "bipia", "benchmark", "code", "train.jsonl"), "utf8")
  .split("\n").filter((l) => l.trim() !== "").flatMap((l) => {
    const d = JSON.parse(l) as { code?: Array<string>; error?: Array<string> }
    return [(d.code ?? []).join("\n"), (d.error ?? []).join("\n")].filter((x) => x.length > 20)
  }).filter((_, i) => !held(Math.floor(i / 2)))

console.error("building samples...")
const indirect: Array<Sample> = []
for (const set of sets) for (const c of trainCtx[set]) indirect.push(...negatives(c))
for (const c of codeExtras) indirect.push(...negatives(c))
for (let i = 0; i < 3000; i++) indirect.push(...negatives(benignDocument(r)))
for (let i = 0; i < 12000; i++) {
  const set = pick(sets)
  paired(indirect, contextFor(set, trainCtx), attackFor(set, trainAtk))
}
for (let i = 0; i < 2000; i++) {
  const t = hiddenTask(r)
  indirect.push(...positives(t, 0, t.length))
}

const direct: Array<Sample> = []
for (let i = 0; i < 6000; i++) direct.push(...negatives(userRequest(r)))
for (const set of sets) for (const c of trainCtx[set]) direct.push(...negatives(c))
for (const c of codeExtras) direct.push(...negatives(c))
for (let i = 0; i < 3000; i++) direct.push(...negatives(benignDocument(r)))
for (let i = 0; i < 10000; i++) {
  const inj = directInjection(r)
  if (r() < 0.4) paired(direct, contextFor(pick(sets), trainCtx), inj)
  else direct.push(...positives(inj, 0, inj.length))
}

const heads: Partial<Record<HeadName, HeadFile>> = {}
const report: Record<string, unknown> = {}
for (const [name, samples] of [["direct", direct], ["indirect", indirect]] as const) {
  console.error(`training ${name}: ${samples.length} samples (${samples.filter((s) => s.y === 1).length} positive)`)
  const { weights, bias } = trainHead(samples, r, Number(process.env["EPOCHS"] ?? 6))
  heads[name] = { ...quantise(weights, bias), thresholds: { low: 0.5, medium: 0.5, high: 0.5, critical: 0.5 } }
}

// ------------------------------------------------------------------------------- calibration
const model: Model = { direct: decodeHead(heads.direct as HeadFile), indirect: decodeHead(heads.indirect as HeadFile) }
const score = (text: string, head: HeadName): number => (scoreHeads(normalize(text).text, model, [head])[0]?.probability ?? 0)
const heldNeg = sets.flatMap((s) => heldCtx[s])
const cr = rng(7)
const freshBenign = Array.from({ length: 300 }, () => benignDocument(cr))
for (const name of ["direct", "indirect"] as const) {
  const negTexts = name === "direct" ? [...heldNeg, ...freshBenign, ...Array.from({ length: 200 }, () => userRequest(cr))] : [...heldNeg, ...freshBenign]
  const negScores = negTexts.map((t) => score(t, name))
  const thresholds = calibrate(negScores)
  ;(heads[name] as { thresholds: Record<Severity, number> }).thresholds = thresholds
  const posTexts = name === "direct"
    ? Array.from({ length: 300 }, () => directInjection(cr))
    : sets.flatMap((set) => heldCtx[set].slice(0, 10).flatMap((c) => (set === "code" ? heldAtk.code : heldAtk.text).flatMap((a) => POSITIONS.map((p) => insertAttack(c, a, p).text))))
  const posScores = posTexts.map((t) => score(t, name))
  const perSet = name === "indirect"
    ? Object.fromEntries(sets.map((set) => {
        const ns = heldCtx[set].map((t) => score(t, name))
        const ps = heldCtx[set].slice(0, 10).flatMap((c) => (set === "code" ? heldAtk.code : heldAtk.text).flatMap((a) => POSITIONS.map((p) => score(insertAttack(c, a, p).text, name))))
        return [set, { fp: rate(ns, thresholds.medium), tpr: rate(ps, thresholds.medium) }]
      }))
    : {}
  report[name] = { perSet,
    heldOutNegatives: negTexts.length, heldOutPositives: posTexts.length, thresholds,
    fpAtMedium: rate(negScores, thresholds.medium), tprAtMedium: rate(posScores, thresholds.medium), tprAtHigh: rate(posScores, thresholds.high)
  }
  console.error(name, JSON.stringify(report[name]))
}

const file: ModelFile = {
  version: 1,
  hashBits: HASH_BITS,
  heads: heads as Record<HeadName, HeadFile>,
  notes: {
    trainer: "scripts/train-detector.ts",
    data: "BIPIA train splits (80%), BIPIA train attacks (80%), synthetic text; thresholds on the held-out 20% + fresh synthetic text",
    calibration: report
  }
}
writeFileSync(outPath, JSON.stringify(file))
console.error(`wrote ${outPath} (${JSON.stringify(file).length} bytes)`)
