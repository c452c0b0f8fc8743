// Decontamination: training text that shares a run of N_GRAM words with any evaluation text is
// dropped before training. The evaluation sets are read here only to build that filter; nothing
// of them reaches a model. (Hand-written and downloaded training text could echo a public
// benchmark its writer once saw.)
import { bipiaAttacks, bipiaContexts, bipiaQuestions, cyberSecEval } from "./datasets.ts"

export const N_GRAM = 8

// Words are runs of letters and digits; each CJK/kana/hangul character is a word of its own.
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+/gu

const grams = (text: string): Array<string> => {
  const words = text.normalize("NFKC").toLowerCase().match(WORD) ?? []
  const out: Array<string> = []
  for (let i = 0; i + N_GRAM <= words.length; i++) out.push(words.slice(i, i + N_GRAM).join(" "))
  return out
}

export interface Decontaminator {
  readonly overlaps: (text: string) => boolean
}

export const evaluationFilter = (): Decontaminator => {
  const seen = new Set<string>()
  const evaluation = [
    ...cyberSecEval().map((c) => c.user_input),
    ...bipiaAttacks("text", "test").map((a) => a.text),
    ...bipiaAttacks("code", "test").map((a) => a.text),
    ...(["email", "code", "table"] as const).flatMap((s) => bipiaContexts(s, "test")),
    ...bipiaQuestions("test")
  ]
  for (const t of evaluation) for (const g of grams(t)) seen.add(g)
  return { overlaps: (text) => grams(text).some((g) => seen.has(g)) }
}
