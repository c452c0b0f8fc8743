// One pass of the literal prefilter (prefilter.ts) over the normalised text; each trigger it finds
// runs only the rules attached to it, each a sticky, bounded regex anchored there.
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
}

interface Index {
  readonly prefilter: Prefilter
  /**
   * by the prefilter's trigger id, in RULES order of first use: at one position, a rule reports
   * through the first of its triggers found there
   */
  readonly triggers: ReadonlyArray<Trigger>
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
  const triggers = [...byText].map(([text, rules]) => ({ text, rules, ruleIndex: rules.map((r) => RULES.indexOf(r)) }))
  // the prefilter reports trigger i of its (duplicate-free) list as id i: the same order
  return { prefilter: buildPrefilter(triggers.map((t) => t.text)), triggers }
}

const INDEX = buildIndex()

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
  const { starts, offsets, ids, facts } = INDEX.prefilter.scan(text)
  // the same rule at an overlapping position is reported once
  const lastEnd = new Int32Array(RULES.length).fill(-1)
  for (let i = 0; i < starts.length; i++) {
    const pos = starts[i] as number
    // the triggers found here, in id order (which decides which trigger of a rule reports)
    for (let j = offsets[i] as number; j < (offsets[i + 1] as number); j++) {
      const trig = INDEX.triggers[ids[j] as number] as Trigger
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
