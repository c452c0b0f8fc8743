// The literal prefilter of the pattern rules: every position where some trigger starts, found in
// one pass by an Aho-Corasick automaton (one table load per character, no backtracking). Built
// from the trigger strings alone, so new rules need nothing here.
//
// A trigger that starts with [a-z0-9] counts only at a word start (not after [a-z0-9]; "_" is no
// word character here, so "x_ignore" still hits). The automaton reads that condition as part of
// the alphabet: a word character after a non-word character is a symbol of its own, so "ai "
// matches in "the ai said" but not in "chai said", with no check per hit.
//
// Triggers with non-ASCII characters get a second automaton, run only on text that has some
// (its alphabet is larger; most text never needs it). Replaces a trie-factored RegExp alternation
// behind a look-behind, which cost V8 about 1 ms per 100 KB of prose.

const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
const WORD = new Uint8Array(128)
for (let c = 0; c < 128; c++) WORD[c] = isWordChar(c) ? 1 : 0

interface Automaton {
  /** symbols per state */
  readonly k: number
  /** (code << 1 | word start) -> symbol, for ASCII; 0 = in no trigger */
  readonly ascii: Uint16Array
  /** code -> symbol, for code units >= 128 */
  readonly wide: Uint16Array
  /** state * k + symbol -> next state * k, bit-inverted when the next state ends a trigger */
  readonly next: Int32Array
  /** by state: the lengths of the triggers that end there (its own and its suffixes') */
  readonly ends: ReadonlyArray<ReadonlyArray<number>>
}

const build = (triggers: ReadonlyArray<string>): Automaton => {
  const ascii = new Uint16Array(256)
  const wide = new Uint16Array(65_536)
  let k = 1
  const symbol = (t: string, i: number): number => {
    const c = t.charCodeAt(i)
    if (c >= 128) return wide[c] || (wide[c] = k++)
    const key = (c << 1) | (isWordChar(c) && !(i > 0 && isWordChar(t.charCodeAt(i - 1))) ? 1 : 0)
    return ascii[key] || (ascii[key] = k++)
  }
  // the trie over symbols
  const children: Array<Map<number, number>> = [new Map()]
  const own: Array<Array<number>> = [[]]
  for (const t of triggers) {
    let s = 0
    for (let i = 0; i < t.length; i++) {
      const y = symbol(t, i)
      const node = children[s] as Map<number, number>
      let child = node.get(y)
      if (child === undefined) {
        child = children.length
        children.push(new Map())
        own.push([])
        node.set(y, child)
      }
      s = child
    }
    ;(own[s] as Array<number>).push(t.length)
  }
  // breadth first: a state's failure state is shallower, so its row and its ends are complete
  const states = children.length
  const trans = new Int32Array(states * k)
  const fail = new Int32Array(states)
  const ends: Array<ReadonlyArray<number>> = own.map((x) => x)
  const queue = [0]
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q] as number
    for (let y = 0; y < k; y++) {
      const child = (children[s] as Map<number, number>).get(y)
      const viaFail = s === 0 ? 0 : (trans[(fail[s] as number) * k + y] as number)
      if (child === undefined) trans[s * k + y] = viaFail
      else {
        trans[s * k + y] = child
        fail[child] = viaFail
        ends[child] = [...(own[child] as Array<number>), ...(ends[viaFail] as ReadonlyArray<number>)]
        queue.push(child)
      }
    }
  }
  const next = new Int32Array(states * k)
  for (let i = 0; i < next.length; i++) {
    const t = trans[i] as number
    next[i] = (ends[t] as ReadonlyArray<number>).length > 0 ? ~(t * k) : t * k
  }
  return { k, ascii, wide, next, ends }
}

// While the pass reads every character anyway it also notes two facts the decoded views need,
// where a regex each would read the text again: letters next to leetspeak stand-ins
// (/[a-z][013457@$]|[013457@$][a-z]/, every position) and the first run of spaced-out letters
// (/(?:[a-z] ){4,400}[a-z]/, its start). Per character: one class load; the spaced run is a
// nine-state machine (letter, space, letter, ... counted to four pairs), both branch-free.
const LETTER = 1
const STAND_IN = 2
const LEET_CLASS = new Uint8Array(128)
const SPACED_CLASS = new Uint8Array(128)
for (let c = 97; c <= 122; c++) LEET_CLASS[c] = LETTER
for (const ch of "013457@$") LEET_CLASS[ch.charCodeAt(0)] = STAND_IN
for (let c = 97; c <= 122; c++) SPACED_CLASS[c] = 1
SPACED_CLASS[32] = 2
// state * 3 + class (0 other, 1 letter, 2 space) -> state; 0 nothing, 2k - 1 after the letter of
// pair k (1 <= k <= 4), 2k after its space, 9 the fifth letter (absorbing: only the first run counts)
const SPACED_MATCH = 9
const SPACED_NEXT = new Uint8Array(30)
for (let st = 0; st <= SPACED_MATCH; st++) {
  const afterSpace = st > 0 && st < SPACED_MATCH && st % 2 === 0
  SPACED_NEXT[st * 3] = st === SPACED_MATCH ? st : 0
  SPACED_NEXT[st * 3 + 1] = st === SPACED_MATCH ? st : afterSpace ? st + 1 : 1
  SPACED_NEXT[st * 3 + 2] = st === SPACED_MATCH ? st : st % 2 === 1 ? st + 1 : 0
}

export interface TextFacts {
  /** every position i where text[i], text[i + 1] are a letter and a stand-in, either way round */
  readonly leetEdges: Array<number>
  /** where the first run of spaced-out letters starts, or -1 */
  spacedStart: number
}

/** Adds every trigger start to `starts` (unordered); tells whether the text has non-ASCII code units. */
const run = (text: string, a: Automaton, starts: Array<number>, facts: TextFacts): boolean => {
  const { k, ascii, wide, next, ends } = a
  let s = 0
  let prevWord = 0
  let prevLeet = 0
  let spaced = 0
  let wideSeen = false
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p)
    let y: number
    if (c < 128) {
      const w = WORD[c] as number
      y = ascii[(c << 1) | (w & (prevWord ^ 1))] as number
      prevWord = w
      const leet = LEET_CLASS[c] as number
      if ((prevLeet ^ leet) === 3) facts.leetEdges.push(p - 1)
      prevLeet = leet
      spaced = SPACED_NEXT[spaced * 3 + (SPACED_CLASS[c] as number)] as number
    } else {
      y = wide[c] as number
      prevWord = 0
      prevLeet = 0
      spaced = SPACED_NEXT[spaced * 3] as number
      wideSeen = true
    }
    if (spaced === SPACED_MATCH && facts.spacedStart < 0) facts.spacedStart = p - 8
    s = next[s + y] as number
    if (s < 0) {
      s = ~s
      for (const length of ends[s / k] as ReadonlyArray<number>) starts.push(p - length + 1)
    }
  }
  return wideSeen
}

export interface Prefilter {
  /** every position where some trigger starts (ascending, each once), and the views' facts */
  readonly scan: (text: string) => { readonly starts: Array<number>; readonly facts: TextFacts }
}

export const buildPrefilter = (triggers: Iterable<string>): Prefilter => {
  const all = [...new Set(triggers)]
  if (all.some((t) => t.length === 0)) throw new Error("prefilter: empty trigger")
  const isAscii = (t: string): boolean => !/[^\x00-\x7f]/.test(t)
  const narrow = build(all.filter(isAscii))
  const wideTriggers = all.filter((t) => !isAscii(t))
  const wide = wideTriggers.length > 0 ? build(wideTriggers) : undefined
  const scan = (text: string): { starts: Array<number>; facts: TextFacts } => {
    const starts: Array<number> = []
    const facts: TextFacts = { leetEdges: [], spacedStart: -1 }
    if (run(text, narrow, starts, facts) && wide !== undefined) run(text, wide, starts, { leetEdges: [], spacedStart: -1 })
    if (starts.length > 1) {
      starts.sort((x, y) => x - y)
      let m = 1
      for (let i = 1; i < starts.length; i++) if (starts[i] !== starts[m - 1]) starts[m++] = starts[i] as number
      starts.length = m
    }
    return { starts, facts }
  }
  return { scan }
}
