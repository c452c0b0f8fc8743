// Loading the public datasets (../shared/datasets or $IRONCLAW_DATASETS) and building BIPIA-style
// attacked samples. Shared by training (train splits only) and evaluation.
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"

export const datasetsDir = (): string =>
  process.env["IRONCLAW_DATASETS"] ?? resolve(import.meta.dirname, "..", "..", "..", "shared", "datasets")

export type BipiaSet = "email" | "code" | "table"
export type Split = "train" | "test"
export type Position = "start" | "middle" | "end"
export const POSITIONS: ReadonlyArray<Position> = ["start", "middle", "end"]

/** Clean contexts of one BIPIA set and split; code contexts are lists of lines, joined. */
export const bipiaContexts = (set: BipiaSet, split: Split): Array<string> =>
  readFileSync(join(datasetsDir(), "bipia", "benchmark", set, `${split}.jsonl`), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const c = (JSON.parse(l) as { context: string | Array<string> }).context
      return Array.isArray(c) ? c.join("\n") : c
    })

/**
 * The user's questions about the email and table contexts (BIPIA's "question" field, its "Q: "
 * prefix dropped): ordinary messages from the principal to the assistant.
 */
export const bipiaQuestions = (split: Split): Array<string> =>
  (["email", "table"] as const).flatMap((set) =>
    readFileSync(join(datasetsDir(), "bipia", "benchmark", set, `${split}.jsonl`), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => ((JSON.parse(l) as { question?: string }).question ?? "").replace(/^\s*Q:\s*/, "").trim())
      .filter((q) => q !== "")
  )

/** BIPIA attack instructions: text attacks apply to email and table, code attacks to code. */
export const bipiaAttacks = (kind: "text" | "code", split: Split): Array<{ category: string; text: string }> => {
  const raw = JSON.parse(readFileSync(join(datasetsDir(), "bipia", "benchmark", `${kind}_attack_${split}.json`), "utf8")) as Record<string, Array<string>>
  return Object.entries(raw).flatMap(([category, list]) => list.map((text) => ({ category, text })))
}

const SENTENCE_END = /(?<=[.!?])\s+(?=\S)/

/**
 * BIPIA's construction: the attack on its own line before or after the context, or between two
 * sentences near the middle (BIPIA picks a random sentence boundary; we take the middle one so
 * the figures are reproducible).
 */
export const insertAttack = (context: string, attack: string, position: Position): { text: string; start: number } => {
  if (position === "start") return { text: `${attack}\n${context}`, start: 0 }
  if (position === "end") return { text: `${context}\n${attack}`, start: context.length + 1 }
  const sentences = context.split(SENTENCE_END)
  if (sentences.length < 2) {
    const lines = context.split("\n")
    const at = Math.floor(lines.length / 2)
    const before = lines.slice(0, at).join("\n")
    const text = [...lines.slice(0, at), attack, ...lines.slice(at)].join("\n")
    return { text, start: at === 0 ? 0 : before.length + 1 }
  }
  const at = Math.floor(sentences.length / 2)
  const before = sentences.slice(0, at).join(" ")
  return { text: [...sentences.slice(0, at), attack, ...sentences.slice(at)].join(" "), start: before.length + 1 }
}

export interface CseCase {
  readonly user_input: string
  readonly injection_variant: string
  readonly injection_type: string
}

export const cyberSecEval = (): Array<CseCase> =>
  JSON.parse(readFileSync(join(datasetsDir(), "cyberseceval-pi", "prompt_injection.json"), "utf8")) as Array<CseCase>

/** Deterministic PRNG (mulberry32) so training and evaluation are reproducible. */
export const rng = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
