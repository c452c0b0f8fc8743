// The literal prefilter of the pattern rules: every trigger in the text (by start position, each
// trigger as its index among the given ones), found in one pass of an Aho-Corasick automaton
// (automaton.ts; a trigger that starts with [a-z0-9] counts only at a word start). Built from
// the trigger strings alone, so new rules need nothing here.
// Triggers with non-ASCII characters get a second automaton, run only on text that has some (its
// alphabet is larger; most text never needs it). Replaces a trie-factored RegExp alternation
// behind a look-behind, which cost V8 about 1 ms per 100 KB of prose.
//
// The decoded views need two facts about the text, reported with the starts: letters next to
// leetspeak stand-ins (/[a-z][013457@$]|[013457@$][a-z]/, every position) and the first run of
// spaced-out letters (/(?:[a-z] ){4,400}[a-z]/, its start); one more pass (assembly/facts.ts).
import { buildAutomaton, findMatches, type Matches } from "./automaton.ts"
import { mem, scratch, wasm, writeText } from "./wasm.ts"

export interface TextFacts {
  /** every position i where text[i], text[i + 1] are a letter and a stand-in, either way round */
  readonly leetEdges: Array<number>
  /** where the first run of spaced-out letters starts, or -1 */
  spacedStart: number
}

export interface Prefilter {
  /** the triggers in the text by start position (ids: indices among the deduplicated triggers), and the views' facts */
  readonly scan: (text: string) => Matches & { readonly facts: TextFacts }
}

const align = (n: number): number => (n + 15) & ~15

/** Builds the automata of `triggers` into wasm memory: once per process (detect.ts), not per text. */
export const buildPrefilter = (triggers: Iterable<string>): Prefilter => {
  const all = [...new Set(triggers)]
  if (all.some((t) => t.length === 0)) throw new Error("prefilter: empty trigger")
  const isAscii = (t: string): boolean => !/[^\x00-\x7f]/.test(t)
  const options = { wordStarts: true, caseless: false }
  const ids = all.map((_, i) => i)
  const narrow = buildAutomaton(all.filter(isAscii), options, ids.filter((i) => isAscii(all[i] as string)))
  const wideIds = ids.filter((i) => !isAscii(all[i] as string))
  const wide = wideIds.length > 0 ? buildAutomaton(wideIds.map((i) => all[i] as string), options, wideIds) : undefined
  const scan = (text: string): Matches & { facts: TextFacts } => {
    const n = text.length
    const textAt = scratch(align(2 * n) + align(4 * n) + 16)
    writeText(textAt, text)
    const edgesAt = textAt + align(2 * n)
    const out = edgesAt + align(4 * n)
    wasm.facts(textAt, n, edgesAt, out)
    const o = out >> 2
    const edges = mem.i32[o] as number
    const leetEdges: Array<number> = []
    for (let i = edgesAt >> 2; i < (edgesAt >> 2) + edges; i++) leetEdges.push(mem.i32[i] as number)
    const facts: TextFacts = { leetEdges, spacedStart: mem.i32[o + 1] as number }
    const nonAscii = mem.i32[o + 2] === 1
    return { ...findMatches(text, nonAscii && wide !== undefined ? [narrow, wide] : [narrow], true), facts }
  }
  return { scan }
}
