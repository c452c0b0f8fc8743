// The shipped gloss dictionary (actors/sanitizer/model/gloss-dictionary.json) is the hand-written
// one (scripts/data/gloss/dictionary.json) without the forms that are also English words: the
// gloss view applies to any text outside printable ASCII, English mail with a curly quote
// included, where "most" (Hungarian "now") or "son" (Turkish "last") must stay what they are.
// English words are those of the English training text (BIPIA train contexts and questions, the
// hand-written English items), seen at least twice.
import { readFileSync } from "node:fs"
import { normalize } from "../../actors/sanitizer/internal/normalize.ts"
import { bipiaContexts, bipiaQuestions } from "./datasets.ts"
import { handwritten } from "./handwritten.ts"

type Dictionary = Record<string, Record<string, Array<string>>>

const SOURCE = new URL("../data/gloss/dictionary.json", import.meta.url)
export const SHIPPED = new URL("../../actors/sanitizer/model/gloss-dictionary.json", import.meta.url)

const englishVocabulary = (): Map<string, number> => {
  const hw = handwritten(5)
  const texts = [
    ...(["email", "code", "table"] as const).flatMap((s) => bipiaContexts(s, "train")),
    ...bipiaQuestions("train"),
    ...[...hw.direct, ...hw.requests, ...hw.inData, ...hw.data].filter((it) => it.lang === "en").map((it) => it.text)
  ]
  const counts = new Map<string, number>()
  for (const t of texts) for (const w of normalize(t).text.match(/[a-z][a-z']+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1)
  return counts
}

export interface BuiltDictionary {
  readonly dictionary: Dictionary
  /** forms dropped because English uses them */
  readonly dropped: ReadonlyArray<string>
}

export const buildGlossDictionary = (): BuiltDictionary => {
  const source = JSON.parse(readFileSync(SOURCE, "utf8")) as Dictionary
  const vocab = englishVocabulary()
  const english = (w: string): boolean => (vocab.get(w) ?? 0) >= 2
  const englishWords = [...vocab.keys()].filter(english)
  const dropped: Array<string> = []
  const dictionary: Dictionary = {}
  for (const [concept, byLang] of Object.entries(source)) {
    for (const [lang, forms] of Object.entries(byLang)) {
      const kept = forms.filter((form) => {
        const f = normalize(form.trim()).text
        // a prefix form is English when a common English word starts with it
        const isEnglish = f.includes(" ") ? false : f.endsWith("*") ? englishWords.some((w) => w.startsWith(f.slice(0, -1)) && (vocab.get(w) ?? 0) >= 3) : english(f)
        if (isEnglish) dropped.push(`${lang}:${form}`)
        return !isEnglish
      })
      if (kept.length > 0) ((dictionary[concept] ??= {})[lang] = kept)
    }
  }
  return { dictionary, dropped }
}
