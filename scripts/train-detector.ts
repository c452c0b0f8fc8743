// Trains the sanitizer's n-gram model (two logistic-regression heads over hashed features) on
// TRAIN data only: BIPIA {email,code,table}/train.jsonl contexts, BIPIA *_attack_train.json
// attacks inserted at start/middle/end, and synthetic text from scripts/lib/synthetic.ts.
// Never reads a test split or CyberSecEval. Severity thresholds come from out-of-fold scores of
// five cross-fitted models (each context scored by a model that never saw it); the shipped model
// is trained on all of it. Writes actors/sanitizer/model/ngram-model.json.
//
//   node scripts/train-detector.ts [--out path]
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { BUCKETS, HASH_BITS, windowFeatures } from "../actors/sanitizer/internal/features.ts"
import { decodeHead, scoreHeads, type HeadFile, type HeadName, type Model, type ModelFile } from "../actors/sanitizer/internal/model.ts"
import { normalize } from "../actors/sanitizer/internal/normalize.ts"
import type { Severity } from "../actors/sanitizer/internal/rules.ts"
import { bipiaAttacks, bipiaContexts, datasetsDir, insertAttack, POSITIONS, rng, type BipiaSet } from "./lib/datasets.ts"
import { benignCode, benignCounterpart, benignDocument, benignProse, directInjection, familyAttack, hiddenTask, userRequest, type Rand } from "./lib/synthetic.ts"

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
const positives = (text: string, start: number, length: number, r: Rand): Array<Sample> => {
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
  if (holding.length > 1) out.push({ features: (holding[1 + Math.floor(r() * (holding.length - 1))] as { features: Int32Array }).features, y: 1 })
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
  const lr = 0.2
  const l2 = 1e-4
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

// Out-of-fold FP rate with every kind of negative weighted equally (email, code, table,
// synthetic, requests): a kind with 50 samples counts as much as one with 900.
const weightedFp = (byKind: ReadonlyArray<ReadonlyArray<number>>, t: number): number =>
  byKind.reduce((acc, xs) => acc + xs.filter((x) => x >= t).length / Math.max(1, xs.length), 0) / byKind.length

// perKind: every kind must also stay within the budget on its own (data sources: the FP budget
// holds per set, not on average)
const thresholdFor = (byKind: ReadonlyArray<ReadonlyArray<number>>, maxFp: number, floor: number, perKind = false): number => {
  const candidates = [...new Set(byKind.flat())].filter((x) => x >= floor).sort((x, y) => x - y)
  const ok = (c: number): boolean => weightedFp(byKind, c) <= maxFp && (!perKind || byKind.every((xs) => xs.filter((x) => x >= c).length / Math.max(1, xs.length) <= maxFp + 1e-9))
  for (const c of [floor, ...candidates.map((x) => x + (1 - x) * 0.01)]) if (ok(c)) return Math.min(1 - 1e-9, c)
  return 1 - 1e-9
}

// medium: <= 2 % weighted out-of-fold FP (the FP budget); high: <= 0.5 %; critical:
// <= 0.1 % and p >= 0.95
const calibrate = (byKind: ReadonlyArray<ReadonlyArray<number>>, perKind: boolean): Record<Severity, number> => {
  const medium = thresholdFor(byKind, 0.02, 0.5, perKind)
  const high = Math.max(medium, thresholdFor(byKind, 0.005, 0.7))
  const critical = Math.max(high, thresholdFor(byKind, 0.001, 0.95))
  const low = Math.min(medium, thresholdFor(byKind, 0.05, 0.35))
  return { low, medium, high, critical }
}

// ------------------------------------------------------------------------------------- data
const sets: ReadonlyArray<BipiaSet> = ["email", "code", "table"]
const FOLDS = 5
const contexts = Object.fromEntries(sets.map((s) => [s, bipiaContexts(s, "train")])) as Record<BipiaSet, Array<string>>
const attacks = { text: bipiaAttacks("text", "train").map((a) => a.text), code: bipiaAttacks("code", "train").map((a) => a.text) }
// extra benign code: the train split's own code and error fields (still train data), by context
const codeExtras = readFileSync(join(datasetsDir(), "bipia", "benchmark", "code", "train.jsonl"), "utf8")
  .split("\n").filter((l) => l.trim() !== "").map((l) => {
    const d = JSON.parse(l) as { code?: Array<string>; error?: Array<string> }
    return [(d.code ?? []).join("\n"), (d.error ?? []).join("\n")].filter((x) => x.length > 20)
  })

type Pool = { ctx: Record<BipiaSet, Array<string>>; atk: { text: Array<string>; code: Array<string> }; code: Array<string> }
const poolWhere = (keep: (i: number) => boolean): Pool => ({
  ctx: Object.fromEntries(sets.map((s) => [s, contexts[s].filter((_, i) => keep(i))])) as Record<BipiaSet, Array<string>>,
  atk: { text: attacks.text.filter((_, i) => keep(i)), code: attacks.code.filter((_, i) => keep(i)) },
  code: codeExtras.filter((_, i) => keep(i)).flat()
})

const buildSamples = (pool: Pool, r: Rand): { direct: Array<Sample>; indirect: Array<Sample> } => {
  const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(r() * xs.length)] as T
  const synthContext = (set: BipiaSet): string => {
    // synthetic documents of the same kind widen the tiny email and code sets
    for (;;) {
      const d = benignDocument(r)
      const kind = d.startsWith("SUBJECT:") ? "email" : d.startsWith("|") ? "table" : d.includes("```") ? "code" : "email"
      if (kind === set || r() < 0.2) return d
    }
  }
  const contextFor = (set: BipiaSet): string => (r() < 0.6 ? pick(pool.ctx[set]) : synthContext(set))
  const attackFor = (set: BipiaSet): string => {
    const x = r()
    return x < 0.35 ? pick(set === "code" ? pool.atk.code : pool.atk.text) : hiddenTask(r)
  }
  // Paired sampling: every attacked window comes with the same context's clean windows, so the
  // model learns the inserted instruction, not the kind of document it was inserted into.
  const paired = (out: Array<Sample>, context: string, attack: string): void => {
    const { text, start } = insertAttack(context, attack, pick(POSITIONS))
    out.push(...positives(text, start, attack.length, r))
    // a code-insertion request is its lead sentence: the code after it varies without end, so
    // the lead alone (in its context) is a positive window too
    const fence = attack.indexOf("\n```")
    if (fence > 10) {
      const lead = attack.slice(0, fence)
      const at = insertAttack(context, lead, pick(POSITIONS))
      out.push(...positives(at.text, at.start, lead.length, r).slice(0, 1))
    }
    const clean = negatives(context)
    for (let k = 0; k < 2 && clean.length > 0; k++) out.push(pick(clean))
  }
  const indirect: Array<Sample> = []
  for (const set of sets) for (const c of pool.ctx[set]) indirect.push(...negatives(c))
  for (const c of pool.code) indirect.push(...negatives(c))
  for (let i = 0; i < 3000; i++) indirect.push(...negatives(benignDocument(r)))
  // programming answers address "you" throughout (the main false-positive source on held-out code)
  for (let i = 0; i < 2000; i++) indirect.push(...negatives(benignCode(r)))
  for (let i = 0; i < 3000; i++) indirect.push(...negatives(benignProse(r)))
  for (let i = 0; i < 12000; i++) {
    const set = pick(sets)
    paired(indirect, contextFor(set), attackFor(set))
  }
  for (let i = 0; i < 2000; i++) {
    const t = hiddenTask(r)
    indirect.push(...positives(t, 0, t.length, r))
  }
  const direct: Array<Sample> = []
  for (let i = 0; i < 6000; i++) direct.push(...negatives(userRequest(r)))
  // ordinary messages with the attack families' surface forms (role-play, formatting,
  // translation, few-shot, programming questions and answers)
  for (let i = 0; i < 5000; i++) direct.push(...negatives(benignCounterpart(r)))
  for (let i = 0; i < 3000; i++) direct.push(...negatives(benignCode(r)))
  for (let i = 0; i < 4000; i++) direct.push(...negatives(benignProse(r)))
  for (const set of sets) for (const c of pool.ctx[set]) direct.push(...negatives(c))
  // programming answers (a user pastes them too): the train code contexts count three times
  for (let k = 0; k < 3; k++) for (const c of pool.ctx.code) direct.push(...negatives(c))
  for (const c of pool.code) direct.push(...negatives(c))
  for (let i = 0; i < 3000; i++) direct.push(...negatives(benignDocument(r)))
  for (let i = 0; i < 10000; i++) {
    const inj = directInjection(r)
    if (r() < 0.4) paired(direct, contextFor(pick(sets)), inj)
    else direct.push(...positives(inj, 0, inj.length, r))
  }
  for (let i = 0; i < 8000; i++) {
    const inj = familyAttack(r)
    if (r() < 0.25) paired(direct, contextFor(pick(sets)), inj)
    else direct.push(...positives(inj, 0, inj.length, r))
  }
  return { direct, indirect }
}

const fit = (pool: Pool, seed: number): { model: Model; files: Record<HeadName, Omit<HeadFile, "thresholds">> } => {
  const r = rng(seed)
  const samples = buildSamples(pool, r)
  const files = {} as Record<HeadName, Omit<HeadFile, "thresholds">>
  for (const name of ["direct", "indirect"] as const) {
    const s = samples[name]
    console.error(`  ${name}: ${s.length} samples (${s.filter((x) => x.y === 1).length} positive)`)
    // each head shuffles with its own generator: a change to one head's data leaves the other as it was
    const { weights, bias } = trainHead(s, rng(seed * 3 + (name === "direct" ? 1 : 2)), Number(process.env["EPOCHS"] ?? 4))
    files[name] = quantise(weights, bias)
  }
  const placeholder = { low: 0.5, medium: 0.5, high: 0.5, critical: 0.5 }
  return { model: { direct: decodeHead({ ...files.direct, thresholds: placeholder }), indirect: decodeHead({ ...files.indirect, thresholds: placeholder }) }, files }
}

const scoreWith = (model: Model, text: string, head: HeadName): number => scoreHeads(normalize(text).text, model, [head])[0]?.probability ?? 0

// ------------------------------------------------------------- cross-fitted calibration
// Five models, each trained without one fifth of the train contexts and attacks, score that
// fifth: out-of-fold scores for every train context. Thresholds come from those; the shipped
// model is then trained on everything with the same recipe.
const oofNeg: Record<HeadName, Record<string, Array<number>>> = { direct: {}, indirect: {} }
const oofPos: Record<HeadName, Record<string, Array<number>>> = { direct: {}, indirect: {} }
const push = (m: Record<string, Array<number>>, k: string, v: number): void => {
  ;(m[k] ??= []).push(v)
}
const cr = rng(7)
for (let f = 0; f < FOLDS; f++) {
  console.error(`fold ${f + 1}/${FOLDS}`)
  const { model } = fit(poolWhere((i) => i % FOLDS !== f), 1000 + f)
  const held = poolWhere((i) => i % FOLDS === f)
  for (const set of sets) {
    for (const c of held.ctx[set]) for (const head of ["direct", "indirect"] as const) {
      push(oofNeg[head], set, scoreWith(model, c, head))
      if (process.env["SHOW_OOF"] === head) {
        const s = scoreHeads(normalize(c).text, model, [head])[0]
        if (s !== undefined && s.probability > 0.5) console.error(`OOF ${head} ${set} p=${s.probability.toFixed(3)}: ${JSON.stringify(normalize(c).text.slice(s.windowStart, s.windowEnd).slice(0, 300))}`)
      }
    }
    const atk = set === "code" ? held.atk.code : held.atk.text
    for (const c of held.ctx[set].slice(0, 10)) for (const a of atk) for (const p of POSITIONS) push(oofPos.indirect, set, scoreWith(model, insertAttack(c, a, p).text, "indirect"))
  }
  for (let i = 0; i < 60; i++) {
    push(oofNeg.indirect, "synthetic", scoreWith(model, benignDocument(cr), "indirect"))
    push(oofNeg.direct, "synthetic", scoreWith(model, benignDocument(cr), "direct"))
    push(oofNeg.direct, "requests", scoreWith(model, userRequest(cr), "direct"))
    push(oofPos.direct, "synthetic", scoreWith(model, directInjection(cr), "direct"))
    push(oofNeg.direct, "counterparts", scoreWith(model, benignCounterpart(cr), "direct"))
    push(oofPos.direct, "families", scoreWith(model, familyAttack(cr), "direct"))
    const inDoc = insertAttack(benignDocument(cr), familyAttack(cr, true), POSITIONS[i % 3] as (typeof POSITIONS)[number]).text
    push(oofPos.indirect, "families-in-data", scoreWith(model, inDoc, "indirect"))
    push(oofPos.direct, "families-in-data", scoreWith(model, inDoc, "direct"))
  }
}

const rate = (xs: ReadonlyArray<number>, t: number): string => `${((100 * xs.filter((x) => x >= t).length) / Math.max(1, xs.length)).toFixed(1)}%`
const thresholds = {} as Record<HeadName, Record<Severity, number>>
const report: Record<string, unknown> = {}
for (const head of ["direct", "indirect"] as const) {
  // the direct head serves user messages: its negatives are requests and documents
  const kinds = head === "direct" ? ["requests", "counterparts", "synthetic", "email", "code", "table"] : ["email", "code", "table", "synthetic"]
  // the indirect head scores data, where the FP budget holds for each kind of document; the
  // direct head serves user messages, judged on the average over its kinds of negatives
  const t = calibrate(kinds.map((k) => oofNeg[head][k] ?? []), head === "indirect")
  thresholds[head] = t
  report[head] = {
    thresholds: t,
    outOfFoldFpAtMedium: Object.fromEntries(kinds.map((k) => [k, rate(oofNeg[head][k] ?? [], t.medium)])),
    outOfFoldTprAtMedium: Object.fromEntries(Object.entries(oofPos[head]).map(([k, v]) => [k, rate(v, t.medium)]))
  }
  console.error(head, JSON.stringify(report[head]))
}
// The direct head on data: its negatives are the documents only, and the bar is stricter (it
// adds to the indirect head's false positives): <= 0.1 % weighted out-of-fold FP for medium.
const dataKinds = ["email", "code", "table", "synthetic"]
const directNegData = dataKinds.map((k) => oofNeg.direct[k] ?? [])
const dMedium = thresholdFor(directNegData, 0.001, 0.9, true)
const dataThresholds = { low: dMedium, medium: dMedium, high: Math.max(dMedium, thresholdFor(directNegData, 0.0005, 0.95)), critical: Math.max(dMedium, thresholdFor(directNegData, 0, 0.98)) }
report["directOnData"] = {
  thresholds: dataThresholds,
  outOfFoldFpAtMedium: Object.fromEntries(dataKinds.map((k) => [k, rate(oofNeg.direct[k] ?? [], dMedium)])),
  outOfFoldTprAtMedium: { "families-in-data": rate(oofPos.direct["families-in-data"] ?? [], dMedium) }
}
console.error("directOnData", JSON.stringify(report["directOnData"]))

console.error("final model on all train data")
const final = fit(poolWhere(() => true), 20261124)
const file: ModelFile = {
  version: 1,
  hashBits: HASH_BITS,
  heads: { direct: { ...final.files.direct, thresholds: thresholds.direct, dataThresholds }, indirect: { ...final.files.indirect, thresholds: thresholds.indirect } },
  notes: {
    trainer: "scripts/train-detector.ts",
    data: "BIPIA train splits and train attacks, synthetic text (scripts/lib/synthetic.ts); no test split, no CyberSecEval",
    calibration: "5-fold cross-fitting on the train contexts/attacks; thresholds bound the out-of-fold FP rate, each kind of negative weighted equally (indirect head and direct-on-data: also each kind on its own)",
    report
  }
}
writeFileSync(outPath, JSON.stringify(file))
console.error(`wrote ${outPath} (${JSON.stringify(file).length} bytes)`)
