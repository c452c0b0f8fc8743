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
  /** an offset in the gloss (0..text.length) -> the offset in the text it was made from */
  readonly toSource: (at: number) => number
}

type Dictionary = Readonly<Record<string, Readonly<Record<string, ReadonlyArray<string>>>>>

const node = (): Node => ({ next: new Map() })

// letters and marks of every script, digits, apostrophe: the characters of a word
const isWordChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || (c > 0x7f && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff0f))
// scripts written without spaces between words: forms are matched anywhere inside them
const isUnspaced = (c: number): boolean =>
  (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x0e00 && c <= 0x0eff) || (c >= 0x1000 && c <= 0x109f) || (c >= 0x1780 && c <= 0x17ff)

// A message glossed this much is glossed enough: the view ends there, so text built of dictionary
// forms (an attacker's padding) costs a bounded amount, in the gloss pass and in scoring it.
const MAX_REPLACEMENTS = 2000

export interface Glosser {
  readonly gloss: (text: string) => Gloss | undefined
}

/** `fold` must be the normalisation applied to the text (forms are folded the same way). */
export const makeGlosser = (dictionary: Dictionary, fold: (s: string) => string): Glosser => {
  const root = node()
  // code units that start some form: every other position is skipped without a trie lookup
  const starts = new Uint8Array(0x10000)
  const insert = (form: string): Node => {
    starts[form.charCodeAt(0)] = 1
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

  // the longest form starting at i (a word start, or any position in an unspaced script)
  const longest = (text: string, i: number, unspaced: boolean, end: number): { concept: string; end: number } | undefined => {
    const n = text.length
    if (starts[text.charCodeAt(i)] === 0) return undefined
    let best: { concept: string; end: number } | undefined
    let t: Node | undefined = root
    for (let j = i; j < n; j++) {
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
    return best
  }

  const gloss = (text: string): Gloss | undefined => {
    // Unchanged runs are copied as slices; `anchors` holds (gloss offset, text offset) where each
    // piece starts, so a gloss offset maps back by binary search instead of a table per unit.
    const parts: Array<string> = []
    const anchors: Array<number> = []
    let outLen = 0
    let copyFrom = 0
    const n = text.length
    let i = 0
    let budget = MAX_REPLACEMENTS
    while (i < n && budget > 0) {
      const c = text.charCodeAt(i)
      const unspaced = isUnspaced(c)
      if (!unspaced && !(isWordChar(c) && (i === 0 || !isWordChar(text.charCodeAt(i - 1)) || isUnspaced(text.charCodeAt(i - 1))))) {
        i++
        continue
      }
      const end = unspaced ? i : wordEnd(text, i)
      const best = longest(text, i, unspaced, end)
      if (best === undefined) {
        i = unspaced ? i + 1 : Math.max(end, i + 1)
        continue
      }
      if (copyFrom < i) {
        anchors.push(outLen, copyFrom)
        parts.push(text.slice(copyFrom, i))
        outLen += i - copyFrom
      }
      // " concept" stands for the word's start; the trailing space for its end, so a span ending
      // there maps back past the whole word
      anchors.push(outLen, -1 - i, outLen + best.concept.length + 1, -1 - best.end)
      parts.push(` ${best.concept} `)
      outLen += best.concept.length + 2
      copyFrom = i = best.end
      budget--
    }
    if (anchors.length === 0) return undefined
    // past the budget the gloss view ends (the text as written is scored whole anyway)
    const tail = budget > 0 ? n : copyFrom
    anchors.push(outLen, copyFrom)
    parts.push(text.slice(copyFrom, tail))
    const glossed = parts.join("")
    const toSource = (at: number): number => {
      // last anchor at or before `at`; a negative text offset marks a replacement (no offsets inside)
      let lo = 0
      let hi = anchors.length / 2 - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if ((anchors[2 * mid] as number) <= at) lo = mid
        else hi = mid - 1
      }
      const from = anchors[2 * lo + 1] as number
      return from < 0 ? -1 - from : Math.min(tail, from + at - (anchors[2 * lo] as number))
    }
    return { text: glossed, toSource }
  }
  return { gloss }
}

export const GLOSS_DICTIONARY_URL = new URL("../model/gloss-dictionary.json", import.meta.url)

export const loadDictionary = (): Dictionary => JSON.parse(readFileSync(GLOSS_DICTIONARY_URL, "utf8")) as Dictionary
