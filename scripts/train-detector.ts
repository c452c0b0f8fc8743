// Trains the sanitizer's n-gram model (two logistic-regression heads over hashed features) on
// TRAIN data only: BIPIA {email,code,table}/train.jsonl contexts and questions, BIPIA
// *_attack_train.json attacks inserted at start/middle/end, hand-written text (scripts/data/),
// promptfoo's public jailbreak templates (scripts/lib/publicAttacks.ts) and synthetic text from
// scripts/lib/synthetic.ts. No test split and no CyberSecEval case is trained on; the evaluation
// sets are read only to drop training text that shares an 8-word run with them
// (scripts/lib/decontaminate.ts). Severity thresholds come from out-of-fold scores of five
// cross-fitted models (each context or hand-written item scored by a model that never saw it);
// the shipped model is trained on all of it. Writes actors/sanitizer/model/ngram-model.json.
//
//   node scripts/train-detector.ts [--out path]
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { BUCKETS, HASH_BITS, windowFeatures } from "../actors/sanitizer/internal/features.ts"
import { scan, type ScanOptions } from "../actors/sanitizer/internal/engine.ts"
import { decodeHead, glossOf, scoreHeads, scoreViews, type HeadFile, type HeadName, type Model, type ModelFile } from "../actors/sanitizer/internal/model.ts"
import { normalize } from "../actors/sanitizer/internal/normalize.ts"
import type { Severity } from "../actors/sanitizer/internal/rules.ts"
import { bipiaAttacks, bipiaContexts, bipiaQuestions, datasetsDir, insertAttack, POSITIONS, rng, type BipiaSet } from "./lib/datasets.ts"
import { evaluationFilter, N_GRAM } from "./lib/decontaminate.ts"
import { handwritten, type Item } from "./lib/handwritten.ts"
import { promptfooJailbreaks } from "./lib/publicAttacks.ts"
import { attackGoal, benignCode, benignCounterpart, benignDocument, benignProse, directInjection, familyAttack, hiddenTask, userRequest, type Rand } from "./lib/synthetic.ts"

const args = process.argv.slice(2)
const outPath = args.includes("--out") ? (args[args.indexOf("--out") + 1] as string) : new URL("../actors/sanitizer/model/ngram-model.json", import.meta.url).pathname

// A positive is either one window known to hold the attack, or a bag of windows of which at
// least one does (hand-written attacks: where in the message the attack sits is not labelled).
// A bag trains on its highest-scoring window (multiple-instance learning, the same max over
// windows the scorer takes), the first epoch on its longest.
type Sample =
  | { readonly features: Int32Array; readonly y: 0 | 1 }
  | { readonly bag: ReadonlyArray<Int32Array>; readonly y: 1 }

// The engine scores text outside printable ASCII on its gloss view too (English concept words
// for other languages' words): the model is trained on both views of such text.
const NON_ASCII = /[^\t\n\r\x20-\x7e]/
// (the direct head only: the indirect head is trained and scored on the text as written)
const views = (text: string, gloss: boolean): Array<string> => {
  const norm = normalize(text).text
  const g = gloss && NON_ASCII.test(text) ? glossOf(norm) : undefined
  return g === undefined ? [norm] : [norm, g.text]
}
const negatives = (text: string, gloss = true): Array<Sample> => views(text, gloss).flatMap((v) => windowFeatures(v).map((w) => ({ features: w.features, y: 0 as const })))

/**
 * Windows over an inserted passage (an attack: positives; an ordinary sentence: negatives): the
 * shortest window that holds the whole passage, and one more holding it with some context. Offsets are mapped approximately (normalisation rarely changes lengths here).
 */
const covering = (text: string, start: number, length: number, r: Rand, y: 0 | 1): Array<Sample> => {
  const norm = normalize(text).text
  const ws = windowFeatures(norm)
  const scale = norm.length / Math.max(1, text.length)
  const a = Math.floor(start * scale) + 1
  const b = Math.floor((start + length) * scale) - 1
  const holding = ws.filter((w) => w.start <= a && w.end >= b).sort((x, y) => x.end - x.start - (y.end - y.start))
  if (holding.length === 0) {
    const best = ws.reduce((p, w) => (Math.min(b, w.end) - Math.max(a, w.start) > Math.min(b, p.end) - Math.max(a, p.start) ? w : p), ws[0] as { start: number; end: number; features: Int32Array })
    return [{ features: best.features, y }]
  }
  const out: Array<Sample> = [{ features: (holding[0] as { features: Int32Array }).features, y }]
  if (holding.length > 1) out.push({ features: (holding[1 + Math.floor(r() * (holding.length - 1))] as { features: Int32Array }).features, y })
  return out
}
const positives = (text: string, start: number, length: number, r: Rand): Array<Sample> => covering(text, start, length, r, 1)

const bagOf = (text: string): Sample => {
  const ws = views(text, true).flatMap((v) => windowFeatures(v).map((w) => w.features))
  return ws.length === 1 ? { features: ws[0] as Int32Array, y: 1 } : { bag: ws, y: 1 }
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
    const logit = (features: Int32Array): number => {
      let z = 0
      for (const f of features) z += w[f] as number
      return bias + z / Math.sqrt(Math.max(1, features.length))
    }
    for (const idx of order) {
      const s = samples[idx] as Sample
      let features: Int32Array
      if ("bag" in s) {
        let best = s.bag[0] as Int32Array
        let bestZ = e === 0 ? best.length : logit(best)
        for (const f of s.bag) {
          const z = e === 0 ? f.length : logit(f)
          if (z > bestZ) [best, bestZ] = [f, z]
        }
        features = best
      } else features = s.features
      const v = 1 / Math.sqrt(Math.max(1, features.length))
      const z = logit(features)
      const p = 1 / (1 + Math.exp(-z))
      loss += -cw[s.y] * (s.y === 1 ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12))
      const g = (p - s.y) * cw[s.y]
      for (const f of features) {
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

// caps: a kind's own FP budget on top of the weighted one (data sources: the FP budget holds
// per set, not on average); `true` = every kind within maxFp
const thresholdFor = (byKind: ReadonlyArray<ReadonlyArray<number>>, maxFp: number, floor: number, caps: ReadonlyArray<number> | boolean = false): number => {
  const candidates = [...new Set(byKind.flat())].filter((x) => x >= floor).sort((x, y) => x - y)
  const cap = (i: number): number => (caps === true ? maxFp : caps === false ? Infinity : (caps[i] ?? Infinity))
  const ok = (c: number): boolean => weightedFp(byKind, c) <= maxFp && byKind.every((xs, i) => xs.filter((x) => x >= c).length / Math.max(1, xs.length) <= cap(i) + 1e-9)
  for (const c of [floor, ...candidates.map((x) => x + (1 - x) * 0.01)]) if (ok(c)) return Math.min(1 - 1e-9, c)
  return 1 - 1e-9
}

// medium: <= 2 % weighted out-of-fold FP (the issue's FP budget); high: <= 0.5 %; critical:
// <= 0.1 % and p >= 0.95
const calibrate = (byKind: ReadonlyArray<ReadonlyArray<number>>, caps: ReadonlyArray<number>, weighted: number): Record<Severity, number> => {
  const medium = thresholdFor(byKind, weighted, 0.5, caps)
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

// the principal's own questions about emails and tables: ordinary messages to the assistant
const questions = bipiaQuestions("train")
const decontaminate = evaluationFilter()
const hw = handwritten(FOLDS, (t) => !decontaminate.overlaps(t))
// promptfoo's templates with their request slot filled by one of our goals
const jailbreaksAll = promptfooJailbreaks((i) => attackGoal(rng(500 + i)))
const jailbreaks = jailbreaksAll.filter((t) => !decontaminate.overlaps(t))
console.error(`hand-written: ${hw.direct.length} direct attacks, ${hw.requests.length} requests, ${hw.inData.length} in-data instructions, ${hw.data.length} data; ${hw.dropped} dropped (overlap with evaluation text)`)
console.error(`promptfoo jailbreak templates: ${jailbreaks.length} of ${jailbreaksAll.length} kept; BIPIA train questions: ${questions.length}`)

const HW_REPEAT = Number(process.env["HW_REPEAT"] ?? 3)
// ordinary data sentences addressed to people look like BIPIA's attacks (ordinary tasks) by
// design; weighted less than the attacks so they temper the indirect head rather than silence it
const HW_DATA_REPEAT = Number(process.env["HW_DATA_REPEAT"] ?? 3)
// The indirect head trained on the hand-written data too (INDIRECT_HW=1): measured out of fold,
// it then finds fewer of BIPIA's inserted tasks at the 2 % false-positive budget on BIPIA's
// clean contexts (about 81 % against 86 %), so by default it keeps BIPIA's recipe and the
// hand-written data only measures it.
const INDIRECT_HW = process.env["INDIRECT_HW"] === "1"
const CARRIER_SET: Readonly<Record<string, BipiaSet>> = { email: "email", calendar: "email", chat_log: "email", code: "code", table: "table" }
const carrierSet = (it: Item, r: Rand): BipiaSet => CARRIER_SET[it.carrier ?? ""] ?? (r() < 0.6 ? "email" : "table")

type Pool = {
  ctx: Record<BipiaSet, Array<string>>
  atk: { text: Array<string>; code: Array<string> }
  code: Array<string>
  questions: Array<string>
  jailbreaks: Array<string>
  hw: { direct: Array<Item>; requests: Array<Item>; inData: Array<Item>; data: Array<Item> }
}
const poolWhere = (keep: (i: number) => boolean): Pool => ({
  ctx: Object.fromEntries(sets.map((s) => [s, contexts[s].filter((_, i) => keep(i))])) as Record<BipiaSet, Array<string>>,
  atk: { text: attacks.text.filter((_, i) => keep(i)), code: attacks.code.filter((_, i) => keep(i)) },
  code: codeExtras.filter((_, i) => keep(i)).flat(),
  questions: questions.filter((_, i) => keep(i)),
  jailbreaks: jailbreaks.filter((_, i) => keep(i)),
  hw: { direct: hw.direct.filter((it) => keep(it.fold)), requests: hw.requests.filter((it) => keep(it.fold)), inData: hw.inData.filter((it) => keep(it.fold)), data: hw.data.filter((it) => keep(it.fold)) }
})

// Long jailbreak templates: every maximal window (up to 8 per template) is jailbreak text.
const templateWindows = (text: string, r: Rand): Array<Sample> => {
  const ws = windowFeatures(normalize(text).text)
  const byStart = new Map<number, Int32Array>()
  for (const w of ws) byStart.set(w.start, w.features)
  const all = [...byStart.values()]
  const out: Array<Sample> = []
  for (let k = 0; k < 8 && all.length > 0; k++) out.push({ features: all.splice(Math.floor(r() * all.length), 1)[0] as Int32Array, y: 1 })
  return out
}

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
  const paired = (out: Array<Sample>, context: string, attack: string, gloss = true): void => {
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
    const clean = negatives(context, gloss)
    for (let k = 0; k < 2 && clean.length > 0; k++) out.push(pick(clean))
  }
  const indirect: Array<Sample> = []
  for (const set of sets) for (const c of pool.ctx[set]) indirect.push(...negatives(c, false))
  for (const c of pool.code) indirect.push(...negatives(c, false))
  for (let i = 0; i < 3000; i++) indirect.push(...negatives(benignDocument(r), false))
  // programming answers address "you" throughout (the main false-positive source on held-out code)
  for (let i = 0; i < 2000; i++) indirect.push(...negatives(benignCode(r), false))
  for (let i = 0; i < 3000; i++) indirect.push(...negatives(benignProse(r), false))
  for (let i = 0; i < 12000; i++) {
    const set = pick(sets)
    paired(indirect, contextFor(set), attackFor(set), false)
  }
  for (let i = 0; i < 2000; i++) {
    const t = hiddenTask(r)
    indirect.push(...positives(t, 0, t.length, r))
  }
  // hand-written instructions hidden in data, inserted into contexts of their carrier's kind,
  // and ordinary data sentences addressed to people, inserted the same way (hard negatives)
  for (let k = 0; k < (INDIRECT_HW ? HW_REPEAT : 0); k++) {
    for (const it of pool.hw.inData) {
      paired(indirect, contextFor(carrierSet(it, r)), it.text, false)
      if (k === 0) indirect.push(...positives(it.text, 0, it.text.length, r))
    }
    for (const it of k < HW_DATA_REPEAT ? pool.hw.data : []) {
      const at = insertAttack(contextFor(carrierSet(it, r)), it.text, pick(POSITIONS))
      indirect.push(...covering(at.text, at.start, it.text.length, r, 0))
      if (k === 0) indirect.push(...negatives(it.text, false))
    }
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
  // hand-written attacks and ordinary messages, public jailbreak templates, BIPIA's questions
  for (let k = 0; k < HW_REPEAT; k++) {
    for (const it of pool.hw.direct) {
      if (r() < 0.2) paired(direct, contextFor(pick(sets)), it.text)
      else direct.push(bagOf(r() < 0.2 ? `${userRequest(r)} ${it.text}` : it.text))
    }
    for (const it of pool.hw.requests) direct.push(...negatives(it.text))
  }
  for (const t of pool.jailbreaks) direct.push(...templateWindows(t, r))
  for (const q of pool.questions) direct.push(...negatives(q))
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

const scoreWith = (model: Model, text: string, head: HeadName): number => scoreViews(normalize(text).text, model, [head], false, head === "direct" && NON_ASCII.test(text))[0]?.probability ?? 0

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
// RUN_FOLDS < FOLDS: a quicker, noisier estimate while experimenting (never for a shipped model)
const RUN_FOLDS = Number(process.env["RUN_FOLDS"] ?? FOLDS)
const foldModels: Array<{ readonly model: Model; readonly held: Pool }> = []
for (let f = 0; f < RUN_FOLDS; f++) {
  console.error(`fold ${f + 1}/${FOLDS}`)
  const { model } = fit(poolWhere((i) => i % FOLDS !== f), 1000 + f)
  const held = poolWhere((i) => i % FOLDS === f)
  foldModels.push({ model, held })
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
  // held-out hand-written items: the closest thing to real traffic the training data has
  const show = process.env["SHOW_OOF"] === "hw"
  for (const it of held.hw.direct) {
    const p = scoreWith(model, it.text, "direct")
    push(oofPos.direct, `hw:${it.lang === "en" ? it.label : "other-language"}`, p)
    if (show && p < 0.5) console.error(`OOF miss ${it.label}/${it.lang} p=${p.toFixed(3)}: ${JSON.stringify(it.text.slice(0, 160))}`)
  }
  for (const it of held.hw.requests) {
    const p = scoreWith(model, it.text, "direct")
    push(oofNeg.direct, "handwritten", p)
    if (show && p > 0.7) console.error(`OOF FP ${it.label}/${it.lang} p=${p.toFixed(3)}: ${JSON.stringify(it.text.slice(0, 160))}`)
  }
  for (const q of held.questions) push(oofNeg.direct, "questions", scoreWith(model, q, "direct"))
  for (const t of held.jailbreaks) push(oofPos.direct, "jailbreaks", scoreWith(model, t, "direct"))
  for (const it of held.hw.inData) {
    const set = carrierSet(it, cr)
    const ctx = held.ctx[set][Math.floor(cr() * held.ctx[set].length)] as string
    push(oofPos.indirect, "hw-in-data", scoreWith(model, insertAttack(ctx, it.text, POSITIONS[Math.floor(cr() * 3)] as (typeof POSITIONS)[number]).text, "indirect"))
  }
  for (const it of held.hw.data) {
    const set = carrierSet(it, cr)
    const ctx = held.ctx[set][Math.floor(cr() * held.ctx[set].length)] as string
    const text = insertAttack(ctx, it.text, POSITIONS[Math.floor(cr() * 3)] as (typeof POSITIONS)[number]).text
    for (const head of ["direct", "indirect"] as const) push(oofNeg[head], "hw-data", scoreWith(model, text, head))
  }
}

if (process.env["DUMP_OOF"] !== undefined) writeFileSync(process.env["DUMP_OOF"], JSON.stringify({ oofNeg, oofPos }))
const rate = (xs: ReadonlyArray<number>, t: number): string => `${((100 * xs.filter((x) => x >= t).length) / Math.max(1, xs.length)).toFixed(1)}%`
const thresholds = {} as Record<HeadName, Record<Severity, number>>
const report: Record<string, unknown> = {}
for (const head of ["direct", "indirect"] as const) {
  // the direct head serves user messages: its negatives are requests and documents
  // Negatives and each one's own FP cap at medium. The indirect head scores data: 2 % for each
  // kind of document and on average (the issue's budget). The direct head serves the principal's
  // own messages, where a medium finding is a warning recorded with the message, not a refusal:
  // ordinary questions (BIPIA's) and composed requests stay under 2 %, the hand-written
  // near-misses ("forget what I said about Tuesday", "what's the wifi password I saved?") and
  // pasted documents under 10 %. High (which sanitizes) keeps the 0.5 % average budget.
  const budget: Record<string, number> = head === "direct"
    ? { requests: 0.02, counterparts: 0.02, synthetic: 0.02, questions: 0.02, email: 0.1, code: 0.1, table: 0.1, handwritten: Number(process.env["HW_FP_CAP"] ?? 0.1) }
    : { email: 0.02, code: 0.02, table: 0.02, synthetic: 0.02, ...(INDIRECT_HW ? { "hw-data": Number(process.env["HW_DATA_FP_CAP"] ?? 0.05) } : {}) }
  const kinds = Object.keys(budget)
  const t = calibrate(kinds.map((k) => oofNeg[head][k] ?? []), kinds.map((k) => budget[k] as number), head === "direct" ? Infinity : 0.02)
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
const dataKinds = ["email", "code", "table", "synthetic", "hw-data"]
const directNegData = dataKinds.map((k) => oofNeg.direct[k] ?? [])
const dMedium = thresholdFor(directNegData, 0.001, 0.9, true)
const dataThresholds = { low: dMedium, medium: dMedium, high: Math.max(dMedium, thresholdFor(directNegData, 0.0005, 0.95)), critical: Math.max(dMedium, thresholdFor(directNegData, 0, 0.98)) }
report["directOnData"] = {
  thresholds: dataThresholds,
  outOfFoldFpAtMedium: Object.fromEntries(dataKinds.map((k) => [k, rate(oofNeg.direct[k] ?? [], dMedium)])),
  outOfFoldTprAtMedium: { "families-in-data": rate(oofPos.direct["families-in-data"] ?? [], dMedium) }
}
console.error("directOnData", JSON.stringify(report["directOnData"]))

// The whole engine (patterns, decoders, model) with each fold's model at the chosen thresholds,
// on what that model never saw: a development estimate that needs no evaluation set.
{
  const detected = (text: string, source: NonNullable<ScanOptions["source"]>, model: Model): boolean =>
    scan(text, { source, model }).findings.some((f) => !f.id.startsWith("secret.") && f.severity !== "low")
  const tally: Record<string, [number, number]> = {}
  const count = (k: string, hit: boolean): void => {
    const t = (tally[k] ??= [0, 0])
    t[0] += hit ? 1 : 0
    t[1] += 1
  }
  const er = rng(11)
  for (const { model: m, held } of foldModels) {
    const model: Model = { direct: { ...m.direct, thresholds: thresholds.direct, dataThresholds }, indirect: { ...m.indirect, thresholds: thresholds.indirect } }
    const inContext = (it: Item): { text: string; source: "email" | "tool" } => {
      const set = carrierSet(it, er)
      const ctx = held.ctx[set][Math.floor(er() * held.ctx[set].length)] as string
      return { text: insertAttack(ctx, it.text, POSITIONS[Math.floor(er() * 3)] as (typeof POSITIONS)[number]).text, source: set === "email" ? "email" : "tool" }
    }
    const byLang = process.env["SHOW_OOF"] === "lang"
    for (const it of held.hw.direct) count(`attack ${it.lang === "en" ? it.label : byLang ? `lang ${it.lang}` : "other-language"}`, detected(it.text, "user", model))
    for (const it of held.hw.requests) count(`FP request ${it.lang === "en" ? it.label : "other-language"}`, detected(it.text, "user", model))
    for (const q of held.questions) count("FP BIPIA question", detected(q, "user", model))
    for (const it of held.hw.inData) {
      const x = inContext(it)
      count("in-data hand-written", detected(x.text, x.source, model))
    }
    for (const it of held.hw.data) {
      const x = inContext(it)
      count("FP data hand-written", detected(x.text, x.source, model))
    }
    for (const set of sets) {
      const atk = set === "code" ? held.atk.code : held.atk.text
      for (const c of held.ctx[set].slice(0, 6)) for (const a of atk) count(`in-data BIPIA ${set}`, detected(insertAttack(c, a, POSITIONS[Math.floor(er() * 3)] as (typeof POSITIONS)[number]).text, set === "email" ? "email" : "tool", model))
      for (const c of held.ctx[set]) count(`FP BIPIA ${set}`, detected(c, set === "email" ? "email" : "tool", model))
    }
  }
  const lines = Object.entries(tally).sort(([a], [b]) => a.localeCompare(b)).map(([k, [hit, n]]) => `  ${k.padEnd(40)} ${String(n).padStart(5)} ${((100 * hit) / n).toFixed(1).padStart(6)}%`)
  console.error(`engine, out of fold (detected = a finding >= medium):\n${lines.join("\n")}`)
  report["engineOutOfFold"] = Object.fromEntries(Object.entries(tally).map(([k, [hit, n]]) => [k, `${((100 * hit) / n).toFixed(1)}% of ${n}`]))
}

if (process.env["NO_FINAL"] === "1") process.exit(0)
console.error("final model on all train data")
const final = fit(poolWhere(() => true), 20261124)
const file: ModelFile = {
  version: 1,
  hashBits: HASH_BITS,
  heads: { direct: { ...final.files.direct, thresholds: thresholds.direct, dataThresholds }, indirect: { ...final.files.indirect, thresholds: thresholds.indirect } },
  notes: {
    trainer: "scripts/train-detector.ts",
    data: "BIPIA train splits (contexts, attacks, questions), hand-written text (scripts/data/), promptfoo's jailbreak templates, synthetic text (scripts/lib/synthetic.ts); no test split, no CyberSecEval",
    decontamination: `hand-written and promptfoo text sharing a ${N_GRAM}-word run with any evaluation text dropped: ${hw.dropped} hand-written items, ${jailbreaksAll.length - jailbreaks.length} templates`,
    views: "text outside printable ASCII is trained and scored on its gloss view too (model/gloss-dictionary.json)",
    calibration: "5-fold cross-fitting on the train contexts/attacks; thresholds bound the out-of-fold FP rate, each kind of negative weighted equally (indirect head and direct-on-data: also each kind on its own)",
    report
  }
}
writeFileSync(outPath, JSON.stringify(file))
console.error(`wrote ${outPath} (${JSON.stringify(file).length} bytes)`)
