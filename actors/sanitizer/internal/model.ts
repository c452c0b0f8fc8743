// The learned second detector: logistic-regression heads over hashed n-grams (trained by
// scripts/train-detector.ts), int8-quantised in model/ngram-model.json and loaded once.
//   direct:   injection and jailbreak attempts vs ordinary requests (any source)
//   indirect: instructions addressed to the assistant hidden in data (emails, documents, code,
//             tables, tool output) vs clean data; not applied to the user's own messages, where
//             an instruction to the assistant is the normal case.
import { readFileSync } from "node:fs"
import { BUCKETS, HASH_BITS } from "./features.ts"
import { maxWindowLogits } from "./score.ts"
import { loadDictionary, makeGlosser, type Gloss } from "./gloss.ts"
import { normalize } from "./normalize.ts"
import type { Severity } from "./rules.ts"

export type HeadName = "direct" | "indirect"

export interface HeadFile {
  readonly bias: number
  /** weight = int8 * scale */
  readonly scale: number
  /** base64 of BUCKETS int8 weights */
  readonly weights: string
  /** minimum probability for each severity, chosen on a held-out slice of the training data */
  readonly thresholds: Readonly<Record<Severity, number>>
  /**
   * direct head only: stricter thresholds for scoring data (email, tool output...), where the
   * direct head backs up the indirect one against jailbreak-style text embedded in documents
   */
  readonly dataThresholds?: Readonly<Record<Severity, number>>
}

export interface ModelFile {
  readonly version: 1
  readonly hashBits: number
  readonly heads: Readonly<Record<HeadName, HeadFile>>
  readonly notes?: unknown
}

export interface Head {
  /** weight = quantized * scale: the scorer sums integers and scales once per window */
  readonly quantized: Int8Array
  readonly scale: number
  /** the same weights as floats, for training and reference checks */
  readonly weights: Float32Array
  readonly bias: number
  readonly thresholds: Readonly<Record<Severity, number>>
  readonly dataThresholds?: Readonly<Record<Severity, number>>
}

export type Model = Readonly<Record<HeadName, Head>>

export const decodeHead = (file: HeadFile): Head => {
  const raw = Buffer.from(file.weights, "base64")
  if (raw.length !== BUCKETS) throw new Error("sanitizer model: wrong weight count")
  const weights = new Float32Array(BUCKETS)
  const q = new Int8Array(raw.buffer, raw.byteOffset, raw.length)
  for (let i = 0; i < BUCKETS; i++) weights[i] = (q[i] as number) * file.scale
  return { quantized: Int8Array.from(q), scale: file.scale, weights, bias: file.bias, thresholds: file.thresholds, ...(file.dataThresholds !== undefined ? { dataThresholds: file.dataThresholds } : {}) }
}

export const decodeModel = (file: ModelFile): Model => {
  if (file.version !== 1 || file.hashBits !== HASH_BITS) throw new Error("sanitizer model: incompatible model file")
  return { direct: decodeHead(file.heads.direct), indirect: decodeHead(file.heads.indirect) }
}

export const MODEL_URL = new URL("../model/ngram-model.json", import.meta.url)

const load = (): Model | undefined => {
  try {
    return decodeModel(JSON.parse(readFileSync(MODEL_URL, "utf8")) as ModelFile)
  } catch {
    // No model yet (before the first training run): the pattern detector works alone.
    return undefined
  }
}

export const MODEL: Model | undefined = load()

export interface HeadScore {
  readonly head: HeadName
  readonly probability: number
  /** offset (in the scored text) of the highest-scoring window */
  readonly windowStart: number
  readonly windowEnd: number
  readonly severity: Severity | undefined
}

const severityOf = (p: number, t: Readonly<Record<Severity, number>>): Severity | undefined =>
  p >= t.critical ? "critical" : p >= t.high ? "high" : p >= t.medium ? "medium" : p >= t.low ? "low" : undefined

/**
 * Scores the named heads (at most two) in one feature pass. `inData`: the text is data, not the
 * user's own message; the direct head then uses its `dataThresholds` (no severity without them).
 */
export const scoreHeads = (text: string, model: Model, names: ReadonlyArray<HeadName>, inData = false): Array<HeadScore> => {
  if (text.length === 0 || names.length === 0) return []
  const heads = names.map((n) => model[n])
  return maxWindowLogits(text, heads).map(({ logit, start, end }, i) => {
    const head = heads[i] as Head
    const probability = 1 / (1 + Math.exp(-logit))
    return {
      head: names[i] as HeadName,
      probability,
      windowStart: start,
      windowEnd: end,
      severity: inData && names[i] === "direct" ? (head.dataThresholds !== undefined ? severityOf(probability, head.dataThresholds) : undefined) : severityOf(probability, head.thresholds)
    }
  })
}

const GLOSSER = makeGlosser(loadDictionary(), (s) => normalize(s).text)

/** The gloss view of normalised text (undefined: nothing in it is glossed). */
export const glossOf = (text: string): Gloss | undefined => GLOSSER.gloss(text)

/**
 * scoreHeads on the text and, when it holds other scripts or accented letters (`multilingual`),
 * the direct head on its gloss view too (the head trained on both views), keeping the better
 * one; spans in the text's own offsets.
 */
export const scoreViews = (text: string, model: Model, names: ReadonlyArray<HeadName>, inData: boolean, multilingual: boolean): Array<HeadScore> => {
  const plain = scoreHeads(text, model, names, inData)
  const g = multilingual && names.includes("direct") ? GLOSSER.gloss(text) : undefined
  if (g === undefined) return plain
  const s = scoreHeads(g.text, model, ["direct"], inData)[0] as HeadScore
  return plain.map((p) => (p.head === "direct" && s.probability > p.probability ? { ...s, windowStart: g.toSource(s.windowStart), windowEnd: g.toSource(s.windowEnd) } : p))
}
