// Multi-literal search: an Aho-Corasick automaton built here into wasm memory and run by
// assembly/automaton.ts (one table load per character, no backtracking). Used by the pattern
// prefilter (trigger starts) and the secret detector (the opening literals of its rules).
//
// `wordStarts`: a literal that starts with [a-z0-9] counts only at a word start (not after
// [a-z0-9]; "_" is no word character here, so "x_ignore" still hits). The automaton reads that
// condition as part of the alphabet: a word character after a non-word character is a symbol of
// its own, so "ai " matches in "the ai said" but not in "chai said", with no check per hit.
// `caseless`: ASCII letters match either case (what a RegExp with the i flag and no u flag folds).
import { mem, permanent, scratch, wasm, writeText } from "./wasm.ts"

export interface AutomatonOptions {
  readonly wordStarts: boolean
  readonly caseless: boolean
}

/** Addresses of the tables in wasm memory, as assembly/automaton.ts reads them. */
export interface Tables {
  readonly sym: number
  readonly wide: number
  readonly next: number
  readonly rowBytes: number
  readonly ends: number
  readonly entries: number
  /** the longest literal */
  readonly longest: number
  /** the most literals that end at one position */
  readonly most: number
}

const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c)
const align = (n: number): number => (n + 15) & ~15

/**
 * Builds the automaton of `literals` into wasm memory, for the life of the process. `ids`: what
 * each literal is reported as (default: its index).
 */
export const buildAutomaton = (literals: ReadonlyArray<string>, options: AutomatonOptions, ids: ReadonlyArray<number> = literals.map((_, i) => i)): Tables => {
  const ascii = new Uint16Array(256)
  const wide = new Uint16Array(65_536)
  let k = 1
  const symbol = (t: string, i: number): number => {
    const c = options.caseless ? lower(t.charCodeAt(i)) : t.charCodeAt(i)
    if (c >= 128) return wide[c] || (wide[c] = k++)
    const start = options.wordStarts && isWordChar(c) && !(i > 0 && isWordChar(t.charCodeAt(i - 1)))
    const key = (c << 1) | (start ? 1 : 0)
    return ascii[key] || (ascii[key] = k++)
  }
  // the trie over symbols
  const children: Array<Map<number, number>> = [new Map()]
  // per state, the literals ending there: id << 8 | length
  const own: Array<Array<number>> = [[]]
  for (const [index, t] of literals.entries()) {
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
    if (t.length > 255 || (ids[index] as number) >= 1 << 23) throw new Error("automaton: literal too long or id too large")
    ;(own[s] as Array<number>).push(((ids[index] as number) << 8) | t.length)
  }
  // the symbols the text's other spellings read as: either case, word start or not
  for (let c = 0; c < 128; c++) {
    for (const start of [0, 1]) {
      const key = (c << 1) | start
      const base = ((options.caseless ? lower(c) : c) << 1) | (options.wordStarts ? start : 0)
      if (ascii[key] === 0) ascii[key] = ascii[base] as number
    }
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
  const sym = permanent(2 * 256)
  for (let i = 0; i < 256; i++) mem.u16[(sym >> 1) + i] = (ascii[i] as number) * 4
  let wideAt = 0
  if (wide.some((y) => y !== 0)) {
    wideAt = permanent(2 * 65_536)
    for (let i = 0; i < 65_536; i++) mem.u16[(wideAt >> 1) + i] = (wide[i] as number) * 4
  }
  // each entry the address of the next state's row, bit-inverted when literals end there
  const next = permanent(4 * states * k)
  for (let i = 0; i < states * k; i++) {
    const t = trans[i] as number
    const row = next + 4 * k * t
    mem.i32[(next >> 2) + i] = (ends[t] as ReadonlyArray<number>).length > 0 ? ~row : row
  }
  const entries: Array<number> = []
  const endsAt = permanent(4 * states)
  for (let st = 0; st < states; st++) {
    const list = ends[st] as ReadonlyArray<number>
    if (list.length > 255) throw new Error("automaton: too many literals end together")
    mem.i32[(endsAt >> 2) + st] = (entries.length << 8) | list.length
    entries.push(...list)
  }
  const entriesAt = permanent(4 * entries.length)
  mem.i32.set(entries, entriesAt >> 2)
  return { sym, wide: wideAt, next, rowBytes: 4 * k, ends: endsAt, entries: entriesAt, longest: Math.max(0, ...literals.map((t) => t.length)), most: Math.max(0, ...ends.map((l) => l.length)) }
}

export interface Matches {
  /** every position where a literal starts, ascending */
  readonly starts: Int32Array
  /** the ids of the literals starting at starts[i]: ids[offsets[i] .. offsets[i + 1]), ascending */
  readonly offsets: Int32Array
  readonly ids: Int32Array
}

/**
 * Every literal of the automata in `text`, by start position. `written`: the caller has already
 * written the text at the start of the scratch area.
 */
export const findMatches = (text: string, automata: ReadonlyArray<Tables>, written = false): Matches => {
  const n = text.length
  // read as two halves at once, the second from `overlap` before the first one's end (so it sees
  // every literal that ends in its half); a short text twice whole
  const overlap = Math.max(0, ...automata.map((a) => a.longest - 1))
  const L = n < 256 ? n : Math.ceil((n + overlap) / 2)
  // every position of both halves may end `most` literals of each automaton
  const nodes = 2 * L * automata.reduce((m, a) => m + a.most, 0) + 1
  // the text; a mark per position; a list head per position; the nodes; the starts, offsets and ids
  const at = scratch(align(2 * n) + align(n + 16) + align(4 * n + 16) + 8 * nodes + 2 * align(4 * n + 8) + 4 * nodes + 16)
  if (!written) writeText(at, text)
  const markAt = at + align(2 * n)
  const headsAt = markAt + align(n + 16)
  const nodesAt = headsAt + align(4 * n + 16)
  const startsAt = nodesAt + 8 * nodes
  const offsetsAt = startsAt + align(4 * n + 8)
  const idsAt = offsetsAt + align(4 * n + 8)
  // read 16 at a time by collect: zeroed past the end too
  mem.u8.fill(0, markAt, headsAt)
  let count = 0
  for (const a of automata) count = wasm.scan(at, n - L, L, a.sym, a.wide, a.next, a.rowBytes, a.ends, a.entries, markAt, headsAt, nodesAt, count)
  const m = wasm.collect(markAt, headsAt, n, nodesAt, startsAt, offsetsAt, idsAt)
  // copies (the scratch is reused by the next call), typed: near-miss text has tens of thousands
  const offsets = mem.i32.slice(offsetsAt >> 2, (offsetsAt >> 2) + m + 1)
  return {
    starts: mem.i32.slice(startsAt >> 2, (startsAt >> 2) + m),
    offsets,
    ids: mem.i32.slice(idsAt >> 2, (idsAt >> 2) + (offsets[m] as number))
  }
}

/** Every position of `text` where a literal of one of the automata starts, ascending, each once. */
export const findStarts = (text: string, automata: ReadonlyArray<Tables>, written = false): Int32Array => findMatches(text, automata, written).starts
