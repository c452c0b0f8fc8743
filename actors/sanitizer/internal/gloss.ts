// The gloss view: words of other languages that carry prompt-injection meaning ("무시", "instrucciones",
// "пароль", "忽略") replaced by an English concept word ("ignore", "instructions", "password"), so
// the n-gram model, whose training text is mostly English, sees in a Korean or Russian attack the
// words it knows. A dictionary (model/gloss-dictionary.json) lists, per concept and language,
// whole words, word prefixes ("инструкци*") and, for scripts written without spaces (Chinese,
// Japanese, Thai), substrings. One linear pass over the normalised text; each position is tried
// against a trie whose depth is the longest form.
import { readFileSync } from "node:fs"

interface Node {
  readonly next: Map<number, Node>
  /** a whole-word (or substring, in unspaced scripts) form ends here */
  word?: string
  /** a prefix form ends here: any word starting with it */
  prefix?: string
  /** multi-word forms whose first word ends here: the remaining words (the last may be a prefix) */
  phrases?: Array<{ readonly rest: ReadonlyArray<string>; readonly concept: string }>
}

export interface Gloss {
  readonly text: string
  /** gloss index -> index in the text it was made from (length text.length + 1) */
  readonly map: Int32Array
}

type Dictionary = Readonly<Record<string, Readonly<Record<string, ReadonlyArray<string>>>>>

const node = (): Node => ({ next: new Map() })

// letters and marks of every script, digits, apostrophe: the characters of a word
const isWordChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || (c > 0x7f && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff0f))
// scripts written without spaces between words: forms are matched anywhere inside them
const isUnspaced = (c: number): boolean =>
  (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x0e00 && c <= 0x0eff) || (c >= 0x1000 && c <= 0x109f) || (c >= 0x1780 && c <= 0x17ff)

export interface Glosser {
  readonly gloss: (text: string) => Gloss | undefined
}

/** `fold` must be the normalisation applied to the text (forms are folded the same way). */
export const makeGlosser = (dictionary: Dictionary, fold: (s: string) => string): Glosser => {
  const root = node()
  const insert = (form: string): Node => {
    let n = root
    for (let i = 0; i < form.length; i++) {
      const c = form.charCodeAt(i)
      let child = n.next.get(c)
      if (child === undefined) n.next.set(c, (child = node()))
      n = child
    }
    return n
  }
  for (const [concept, byLang] of Object.entries(dictionary)) {
    for (const [lang, forms] of Object.entries(byLang)) {
      if (lang === "en") continue
      for (const raw of forms) {
        const folded = fold(raw.trim()).replace(/\s+/g, " ").trim()
        if (folded === "") continue
        const words = folded.split(" ")
        const first = words[0] as string
        if (words.length > 1) (insert(first.replace(/\*$/, "")).phrases ??= []).push({ rest: words.slice(1), concept })
        else if (first.endsWith("*")) insert(first.slice(0, -1)).prefix ??= concept
        else insert(first).word ??= concept
      }
    }
  }

  const wordEnd = (text: string, i: number): number => {
    let j = i
    while (j < text.length && isWordChar(text.charCodeAt(j)) && !isUnspaced(text.charCodeAt(j))) j++
    return j
  }
  // does the word at `at` match `form` (trailing "*": as a prefix)? returns the word's end or -1
  const matchWord = (text: string, at: number, form: string): number => {
    const end = wordEnd(text, at)
    if (form.endsWith("*")) return text.startsWith(form.slice(0, -1), at) && end - at >= form.length - 1 ? end : -1
    return end - at === form.length && text.startsWith(form, at) ? end : -1
  }

  const gloss = (text: string): Gloss | undefined => {
    let out = ""
    const map: Array<number> = []
    let replaced = 0
    const emit = (s: string, from: number): void => {
      out += s
      for (let k = 0; k < s.length; k++) map.push(from)
    }
    const n = text.length
    let i = 0
    while (i < n) {
      const c = text.charCodeAt(i)
      const unspaced = isUnspaced(c)
      const atWordStart = unspaced || (isWordChar(c) && (i === 0 || !isWordChar(text.charCodeAt(i - 1)) || isUnspaced(text.charCodeAt(i - 1))))
      if (!atWordStart) {
        emit(text[i] as string, i)
        i++
        continue
      }
      const end = unspaced ? i : wordEnd(text, i)
      // walk the trie: the longest form wins
      let best: { concept: string; end: number } | undefined
      let t: Node | undefined = root
      for (let j = i; j < n && t !== undefined; j++) {
        t = t.next.get(text.charCodeAt(j))
        if (t === undefined) break
        const len = j + 1
        if (unspaced) {
          if (t.word !== undefined) best = { concept: t.word, end: len }
          continue
        }
        if (t.prefix !== undefined && len <= end) best = { concept: t.prefix, end }
        if (t.word !== undefined && len === end) best = { concept: t.word, end }
        if (t.phrases !== undefined && len === end) {
          for (const ph of t.phrases) {
            let at = end
            for (const w of ph.rest) {
              if (at < 0) break
              let s = at
              while (s < n && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++
              at = s > at ? matchWord(text, s, w) : -1
            }
            if (at > 0 && (best === undefined || at > best.end)) best = { concept: ph.concept, end: at }
          }
        }
      }
      if (best !== undefined) {
        // the trailing space stands for the end of the replaced word: spans ending there map
        // back past the whole word
        emit(` ${best.concept}`, i)
        emit(" ", best.end)
        replaced++
        i = best.end
      } else if (unspaced) {
        emit(text[i] as string, i)
        i++
      } else {
        for (let k = i; k < end; k++) emit(text[k] as string, k)
        i = Math.max(end, i + 1)
      }
    }
    if (replaced === 0) return undefined
    map.push(n)
    return { text: out, map: Int32Array.from(map) }
  }
  return { gloss }
}

export const GLOSS_DICTIONARY_URL = new URL("../model/gloss-dictionary.json", import.meta.url)

export const loadDictionary = (): Dictionary => JSON.parse(readFileSync(GLOSS_DICTIONARY_URL, "utf8")) as Dictionary
