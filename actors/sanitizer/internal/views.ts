// Decoded views of the normalised text that need its offset map: rot13 and reversed text (cut
// around the tell-tale words the prefilter found), leetspeak and spaced-out letters. Each view
// is bounded, so a text stuffed with hints costs one bounded extra scan.
import type { Decoded } from "./decode.ts"
import { toOriginal, type Normalized } from "./normalize.ts"

const BEFORE = 300
const AFTER = 700
const BUDGET = 16_000

export const rot13 = (s: string): string =>
  s.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97))

const reverse = (s: string): string => [...s].reverse().join("")

/** Windows around hint positions, merged, at most BUDGET characters in all. */
const around = (norm: Normalized, at: ReadonlyArray<number>, kind: "rot13" | "reversed", f: (s: string) => string): Array<Decoded> => {
  const out: Array<Decoded> = []
  let budget = BUDGET
  let a = -1
  let b = -1
  const flush = (): void => {
    if (a < 0 || budget <= 0) return
    // reversed text: the tell-tale word sits at the end of the instruction, so look further back
    const end = Math.min(b, a + budget)
    budget -= end - a
    out.push({ kind, span: toOriginal(norm, a, end), text: f(norm.text.slice(a, end)) })
  }
  const before = kind === "reversed" ? AFTER : BEFORE
  const after = kind === "reversed" ? BEFORE : AFTER
  for (const p of [...at].sort((x, y) => x - y)) {
    const s = Math.max(0, p - before)
    const e = Math.min(norm.text.length, p + after)
    if (a >= 0 && s <= b) b = Math.max(b, e)
    else {
      flush()
      a = s
      b = e
    }
  }
  flush()
  return out
}

export const rot13Views = (norm: Normalized, at: ReadonlyArray<number>): Array<Decoded> => around(norm, at, "rot13", rot13)
export const reversedViews = (norm: Normalized, at: ReadonlyArray<number>): Array<Decoded> => around(norm, at, "reversed", reverse)

// Leetspeak: digits and symbols standing in for letters inside words ("1gn0r3 pr3v10u5"). A
// leet word has at least two letters and two stand-ins; the view is cut around such words
// (prices, part numbers and hashes are not dense enough to qualify three times close together).
const LEET_WORD = /[a-z0-9@$]{4,24}/y
const isWordish = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 64 || c === 36
const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s" }
const isLeetWord = (w: string): boolean => {
  let letters = 0
  let subs = 0
  for (const c of w) {
    if (c >= "a" && c <= "z") letters++
    else if (LEET[c] !== undefined) subs++
    else return false
  }
  return letters >= 2 && subs >= 2
}
const LEET_BUDGET = 4_000
/**
 * `edges`: every position where a letter and a stand-in meet, either way round (ascending; noted
 * by the prefilter's pass): only the words around them are examined.
 */
export const leetView = (norm: Normalized, edges: ReadonlyArray<number>): Array<Decoded> => {
  const t = norm.text
  const at: Array<number> = []
  // never look back past the previous examined word: every character is examined about twice
  let floor = 0
  for (let e = 0; e < edges.length; e++) {
    const edge = edges[e] as number
    if (edge < floor) continue
    let a = edge
    while (a > floor && isWordish(t.charCodeAt(a - 1)) && edge - a < 24) a--
    LEET_WORD.lastIndex = a
    const w = LEET_WORD.exec(t)
    if (w !== null && isLeetWord(w[0])) at.push(a)
    floor = Math.max(edge + 1, w !== null ? a + w[0].length : 0)
  }
  // three leet words within one window
  const out: Array<Decoded> = []
  let budget = LEET_BUDGET
  for (let i = 0; i + 2 < at.length && budget > 0; i++) {
    const first = at[i] as number
    if ((at[i + 2] as number) - first > 300) continue
    const a = Math.max(0, first - 100)
    let last = i + 2
    while (last + 1 < at.length && (at[last + 1] as number) - (at[last] as number) < 300) last++
    const b = Math.min(t.length, (at[last] as number) + 300, a + budget)
    budget -= b - a
    const text = t.slice(a, b).replace(/[a-z0-9@$]{2,40}/g, (w) => (/[a-z]/.test(w) && /[013457@$]/.test(w) ? w.replace(/[013457@$]/g, (c) => LEET[c] ?? c) : w))
    out.push({ kind: "leet", span: toOriginal(norm, a, b), text })
    i = last
  }
  return out
}

// Spaced-out letters: "i g n o r e  a l l  p r e v i o u s". `first`: where the first run of
// five or more starts (/(?:[a-z] ){4,400}[a-z]/; noted by the prefilter's pass), or -1.
export const spacedView = (norm: Normalized, first: number): Array<Decoded> => {
  const t = norm.text
  if (first < 0) return []
  // once one long spaced run is seen, every run of two or more spaced letters is joined ("a l l")
  const text = t.replace(/\b(?:[a-z] ){1,400}[a-z]\b/g, (run) => run.replace(/ /g, ""))
  return [{ kind: "spaced", span: toOriginal(norm, first, t.length), text: text.replace(/ {2,}/g, " ") }]
}
