// One pass of the literal prefilter (prefilter.ts) over the normalised text; each trigger hit runs
// only the rules attached to triggers starting at that position, each a sticky, bounded regex.
import { normalize } from "./normalize.ts"
import { buildPrefilter, type Prefilter } from "./prefilter.ts"
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

const buildIndex = (): { readonly prefilter: Prefilter; readonly byFirst: ReadonlyMap<string, ReadonlyArray<Trigger>> } => {
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
  // The hit position decides which triggers are checked there, so the prefilter only has to find
  // positions where some trigger starts (a word-character trigger only at a word start, which
  // detectPatterns insists on anyway).
  return { prefilter: buildPrefilter(byText.keys()), byFirst }
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
  // the same rule at an overlapping position is reported once
  const lastEnd = new Map<Rule, number>()
  for (const pos of INDEX.prefilter.positions(text)) {
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
