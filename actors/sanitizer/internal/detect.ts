// One pass of the literal prefilter over the normalised text; each trigger hit runs only the
// rules attached to triggers starting at that position, each a sticky, bounded regex.
import { normalize } from "./normalize.ts"
import { buildRules, setFolder, type Rule, type Severity } from "./rules.ts"

export interface RawHit {
  readonly rule: Rule
  /** span in the normalised text */
  readonly start: number
  readonly end: number
}

const foldText = (s: string): string => normalize(s).text
setFolder(foldText)

export const RULES: ReadonlyArray<Rule> = buildRules()

interface Trigger {
  readonly text: string
  readonly rules: ReadonlyArray<Rule>
  readonly wordStart: boolean
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&")

interface TrieNode {
  end: boolean
  readonly next: Map<string, TrieNode>
}

const trieRegex = (words: ReadonlyArray<string>): string => {
  const root: TrieNode = { end: false, next: new Map() }
  for (const w of words) {
    let node = root
    for (const ch of w) {
      let child = node.next.get(ch)
      if (child === undefined) {
        child = { end: false, next: new Map() }
        node.next.set(ch, child)
      }
      node = child
    }
    node.end = true
  }
  const emit = (node: TrieNode): string => {
    // any trigger ending here already proves a hit; longer ones need not be matched
    if (node.end) return ""
    const branches = [...node.next].map(([ch, child]) => escape(ch) + emit(child))
    return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join("|")})`
  }
  return emit(root)
}

const buildIndex = (): { readonly prefilter: RegExp; readonly byFirst: ReadonlyMap<string, ReadonlyArray<Trigger>> } => {
  const byText = new Map<string, Array<Rule>>()
  for (const r of RULES) {
    for (const t of r.triggers) {
      const folded = foldText(t)
      const list = byText.get(folded)
      if (list === undefined) byText.set(folded, [r])
      else if (!list.includes(r)) list.push(r)
    }
  }
  const byFirst = new Map<string, Array<Trigger>>()
  for (const [text, rules] of byText) {
    const first = text[0] as string
    const trig: Trigger = { text, rules, wordStart: /[a-z0-9]/.test(first) }
    const list = byFirst.get(first)
    if (list === undefined) byFirst.set(first, [trig])
    else list.push(trig)
  }
  // The hit position, not the matched alternative, decides which triggers are checked, so the
  // prefilter only has to find positions where some trigger starts: a trie-factored alternation
  // (one branch per distinct first character) is several times faster than a flat one in V8.
  // Triggers that start with a word character can only match at a word start (detectPatterns
  // insists on it anyway): behind a one-character look-behind the engine skips word interiors
  // cheaply. (Not \b: "_" is a word character to \b, and "x_ignore" must still hit.)
  const all = [...byText.keys()]
  const wordy = all.filter((t) => /^[a-z0-9]/.test(t))
  const other = all.filter((t) => !/^[a-z0-9]/.test(t))
  return { prefilter: new RegExp(`(?<![a-z0-9])${trieRegex(wordy)}|${trieRegex(other)}`, "g"), byFirst }
}

const INDEX = buildIndex()

const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57)

const atLineStart = (text: string, pos: number): boolean => {
  for (let i = pos - 1; i >= 0 && pos - i <= 16; i--) {
    const c = text.charCodeAt(i)
    if (c === 10 || c === 13) return true
    // spaces, tabs, markdown quote/list/heading markers and bold/italic markers
    if (c !== 32 && c !== 9 && c !== 62 && c !== 42 && c !== 45 && c !== 35 && c !== 95) return false
  }
  return pos < 16 && text.slice(0, pos).trim().replace(/[>*#_\-]/g, "") === ""
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 }

export const detectPatterns = (text: string): Array<RawHit> => {
  const hits: Array<RawHit> = []
  const prefilter = INDEX.prefilter
  prefilter.lastIndex = 0
  // the same rule at an overlapping position is reported once
  const lastEnd = new Map<Rule, number>()
  for (let m = prefilter.exec(text); m !== null; m = prefilter.exec(text)) {
    const pos = m.index
    prefilter.lastIndex = pos + 1
    const candidates = INDEX.byFirst.get(text[pos] as string)
    if (candidates === undefined) continue
    const wordBoundary = pos === 0 || !isWordChar(text.charCodeAt(pos - 1))
    // hint triggers such as "+'" start with punctuation: no word-boundary condition
    for (const trig of candidates) {
      if (trig.wordStart && !wordBoundary) continue
      if (!text.startsWith(trig.text, pos)) continue
      for (const rule of trig.rules) {
        if ((lastEnd.get(rule) ?? -1) > pos) continue
        if (rule.lineStart === true && !atLineStart(text, pos)) continue
        let end = pos + trig.text.length
        if (rule.pattern !== undefined) {
          rule.pattern.lastIndex = pos
          const pm = rule.pattern.exec(text)
          if (pm === null) continue
          end = pos + pm[0].length
        }
        lastEnd.set(rule, end)
        hits.push({ rule, start: pos, end })
      }
    }
  }
  return hits
}
