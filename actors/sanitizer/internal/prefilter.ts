// The literal prefilter of the pattern rules: every position where some trigger starts, found in
// one pass of an Aho-Corasick automaton (automaton.ts; a trigger that starts with [a-z0-9] counts
// only at a word start). Built from the trigger strings alone, so new rules need nothing here.
// Triggers with non-ASCII characters get a second automaton, run only on text that has some (its
// alphabet is larger; most text never needs it). Replaces a trie-factored RegExp alternation
// behind a look-behind, which cost V8 about 1 ms per 100 KB of prose.
//
// The decoded views need two facts about the text, reported with the starts: letters next to
// leetspeak stand-ins (/[a-z][013457@$]|[013457@$][a-z]/, every position) and the first run of
// spaced-out letters (/(?:[a-z] ){4,400}[a-z]/, its start); one more pass (assembly/facts.ts).
import { buildAutomaton, findStarts } from "./automaton.ts"
import { mem, scratch, wasm, writeText } from "./wasm.ts"

export interface TextFacts {
  /** every position i where text[i], text[i + 1] are a letter and a stand-in, either way round */
  readonly leetEdges: Array<number>
  /** where the first run of spaced-out letters starts, or -1 */
  spacedStart: number
}

export interface Prefilter {
  /** every position where some trigger starts (ascending, each once), and the views' facts */
  readonly scan: (text: string) => { readonly starts: Array<number>; readonly facts: TextFacts }
}

const align = (n: number): number => (n + 15) & ~15

/** Builds the automata of `triggers` into wasm memory: once per process (detect.ts), not per text. */
export const buildPrefilter = (triggers: Iterable<string>): Prefilter => {
  const all = [...new Set(triggers)]
  if (all.some((t) => t.length === 0)) throw new Error("prefilter: empty trigger")
  const isAscii = (t: string): boolean => !/[^\x00-\x7f]/.test(t)
  const options = { wordStarts: true, caseless: false }
  const narrow = buildAutomaton(all.filter(isAscii), options)
  const wideTriggers = all.filter((t) => !isAscii(t))
  const wide = wideTriggers.length > 0 ? buildAutomaton(wideTriggers, options) : undefined
  const scan = (text: string): { starts: Array<number>; facts: TextFacts } => {
    const n = text.length
    const textAt = scratch(align(2 * n) + align(4 * n) + 16)
    writeText(textAt, text)
    const edgesAt = textAt + align(2 * n)
    const out = edgesAt + align(4 * n)
    wasm.facts(textAt, n, edgesAt, out)
    const o = out >> 2
    const edges = mem.i32[o] as number
    const facts: TextFacts = { leetEdges: Array.from(mem.i32.subarray(edgesAt >> 2, (edgesAt >> 2) + edges)), spacedStart: mem.i32[o + 1] as number }
    const nonAscii = mem.i32[o + 2] === 1
    return { starts: findStarts(text, nonAscii && wide !== undefined ? [narrow, wide] : [narrow], true), facts }
  }
  return { scan }
}
