// One pass of the literal prefilter (prefilter.ts) over the normalised text; each trigger hit runs
// only the rules attached to triggers starting at that position, each a sticky, bounded regex.
import { normalize } from "./normalize.ts"
import { buildPrefilter, type Prefilter, type TextFacts } from "./prefilter.ts"
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
  /** each rule's index in RULES */
  readonly ruleIndex: ReadonlyArray<number>
  readonly wordStart: boolean
}

interface Index {
  readonly prefilter: Prefilter
  /**
   * (first << 16 | second code unit) -> the triggers that may start with them, in RULES order;
   * `byFirst` (first code unit) for one-character triggers where no two-character key matches
   */
  readonly byPrefix: ReadonlyMap<number, ReadonlyArray<Trigger>>
  readonly byFirst: ReadonlyMap<number, ReadonlyArray<Trigger>>
}

const buildIndex = (): Index => {
  const byText = new Map<string, Array<Rule>>()
  for (const r of RULES) {
    for (const t of r.triggers) {
      const folded = foldText(t)
      const list = byText.get(folded)
      if (list === undefined) byText.set(folded, [r])
      else if (!list.includes(r)) list.push(r)
    }
  }
  const byFirst = new Map<number, Array<Trigger>>()
  for (const [text, rules] of byText) {
    const first = text.charCodeAt(0)
    const trig: Trigger = { text, rules, ruleIndex: rules.map((r) => RULES.indexOf(r)), wordStart: /[a-z0-9]/.test(text[0] as string) }
    const list = byFirst.get(first)
    if (list === undefined) byFirst.set(first, [trig])
    else list.push(trig)
  }
  // a position's candidates narrowed by its second code unit, order kept (it decides which
  // trigger of a rule reports when several start at the same position)
  const byPrefix = new Map<number, ReadonlyArray<Trigger>>()
  for (const [first, list] of byFirst) {
    for (const t of list) {
      if (t.text.length < 2) continue
      const second = t.text.charCodeAt(1)
      const key = (first << 16) | second
      if (!byPrefix.has(key)) byPrefix.set(key, list.filter((u) => u.text.length === 1 || u.text.charCodeAt(1) === second))
    }
  }
  const single = new Map<number, ReadonlyArray<Trigger>>()
  for (const [first, list] of byFirst) single.set(first, list.filter((u) => u.text.length === 1))
  // The hit position decides which triggers are checked there, so the prefilter only has to find
  // positions where some trigger starts (a word-character trigger only at a word start, which
  // detectPatterns insists on anyway).
  return { prefilter: buildPrefilter(byText.keys()), byPrefix, byFirst: single }
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

export interface Detection {
  readonly hits: Array<RawHit>
  /** noted by the same pass, for the leetspeak and spaced-letter views */
  readonly facts: TextFacts
}

export const detectPatterns = (text: string): Detection => {
  const hits: Array<RawHit> = []
  const { starts, facts } = INDEX.prefilter.scan(text)
  // the same rule at an overlapping position is reported once
  const lastEnd = new Int32Array(RULES.length).fill(-1)
  for (const pos of starts) {
    const first = text.charCodeAt(pos)
    const candidates = INDEX.byPrefix.get((first << 16) | (pos + 1 < text.length ? text.charCodeAt(pos + 1) : 0)) ?? INDEX.byFirst.get(first)
    if (candidates === undefined) continue
    const wordBoundary = pos === 0 || !isWordChar(text.charCodeAt(pos - 1))
    // hint triggers such as "+'" start with punctuation: no word-boundary condition
    for (const trig of candidates) {
      if (trig.wordStart && !wordBoundary) continue
      if (!text.startsWith(trig.text, pos)) continue
      for (let r = 0; r < trig.rules.length; r++) {
        const rule = trig.rules[r] as Rule
        const index = trig.ruleIndex[r] as number
        if ((lastEnd[index] as number) > pos) continue
        if (rule.lineStart === true && !atLineStart(text, pos)) continue
        let end = pos + trig.text.length
        if (rule.pattern !== undefined) {
          rule.pattern.lastIndex = pos
          const pm = rule.pattern.exec(text)
          if (pm === null) continue
          end = pos + pm[0].length
        }
        lastEnd[index] = end
        hits.push({ rule, start: pos, end })
      }
    }
  }
  return { hits, facts }
}
