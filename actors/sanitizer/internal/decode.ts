// Finds encoded runs (base64, hex, URL-encoding), rot13 text and split string payloads, and
// returns the decoded text of each with the span it came from. Decoding is linear: character
// runs are found with hand-written loops (a regex like /[A-Za-z0-9+\/]{20,}/g restarts at every
// character of a near-miss run), and each run is decoded once.
import { isUtf8 } from "node:buffer"
import { mem, scratch, wasm, writeText } from "./wasm.ts"

export interface Decoded {
  readonly kind: "base64" | "base32" | "hex" | "url" | "escape" | "codes" | "rot13" | "reversed" | "leet" | "spaced" | "split"
  readonly span: readonly [number, number]
  readonly text: string
}

const MIN_BASE64 = 20
const MIN_HEX = 16
const MAX_DECODED_RUNS = 64
// assembly/runs.ts reads runs of 16 or more: the shorter minimum
if (Math.min(MIN_BASE64, MIN_HEX) !== 16) throw new Error("decode.ts: run minimum out of step with assembly/runs.ts")

const isB64 = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)

/** Decoded bytes count as text when valid UTF-8 and almost entirely printable. */
const asText = (bytes: Uint8Array): string | undefined => {
  if (bytes.length < 6 || !isUtf8(bytes)) return undefined
  // = TextDecoder("utf-8", { fatal: true }) on valid input, which drops one leading BOM; several
  // times cheaper per call, and most candidate runs in prose are not valid UTF-8 at all
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8")
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
  let printable = 0
  let letters = 0
  let spaces = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 32 || c === 9 || c === 10 || c === 13) printable++
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 0x7f) letters++
    if (c === 32 || c === 10 || c === 9) spaces++
  }
  // an instruction has words: a long decoded run without spaces is data (or a "4a4a..." decoy)
  // (unless it is itself an encoded run: nested encodings are decoded to maxDecodeDepth)
  if (text.length > 40 && spaces < text.length / 40 && !/^[A-Za-z0-9+\/=_-]+$/.test(text)) return undefined
  return printable / text.length >= 0.95 && letters / text.length >= 0.5 ? text : undefined
}

// The maximal runs of base64 characters (16 or more) are found by WebAssembly (assembly/runs.ts,
// one pass that probes every 16th position and reads a run at most twice; in JS the pass cost
// ~0.13 ms per 100 KB of prose); a run of hex digits is a hex candidate, a long mixed-case one a
// base64 candidate. "\x41"-escaped hex is rarer and has its own bounded regex, only when "\x"
// occurs at all.
const HEX_ESCAPES = /(?:\\x[0-9a-fA-F]{2}){8,4096}/g

const decodeHex = (digits: string, span: readonly [number, number], out: Array<Decoded>): void => {
  const decoded = asText(Buffer.from(digits, "hex"))
  if (decoded !== undefined) out.push({ kind: "hex", span, text: decoded })
}

const base32 = (s: string): Uint8Array => {
  const out = new Uint8Array(Math.floor((s.length * 5) / 8))
  let bits = 0
  let value = 0
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    value = (value << 5) | (c >= 65 ? c - 65 : c - 24)
    bits += 5
    if (bits >= 8) {
      out[n++] = (value >>> (bits - 8)) & 0xff
      bits -= 8
    }
  }
  return out.subarray(0, n)
}

const runs = (text: string, out: Array<Decoded>): void => {
  const n = text.length
  const at = scratch(2 * n + 16 + 28 * ((n >> 4) + 1))
  writeText(at, text)
  const found = at + ((2 * n + 15) & ~15)
  const count = wasm.runs(at, n, found)
  const r = mem.i32
  for (let k = 0; k < count && out.length < MAX_DECODED_RUNS; k++) {
    const o = (found >> 2) + 7 * k
    const start = r[o] as number
    const j = r[o + 1] as number
    const end = r[o + 2] as number
    const upper = r[o + 3] as number
    const lower = r[o + 4] as number
    const digit = r[o + 5] as number
    const len = j - start
    if (r[o + 6] === 1 && len >= MIN_HEX && len % 2 === 0) decodeHex(text.slice(start, j), [start, j], out)
    // base32 (RFC 4648): upper case and the digits 2-7 only
    else if (len >= MIN_BASE64 && lower === 0 && /^[A-Z2-7]+$/.test(text.slice(start, j))) {
      const decoded = asText(base32(text.slice(start, j)))
      if (decoded !== undefined) out.push({ kind: "base32", span: [start, end], text: decoded })
    }
    // base64 of text mixes cases; a long all-lower run is a word or an identifier
    else if (len >= MIN_BASE64 && upper > 0 && lower > 0 && upper + digit >= len / 10) {
      const decoded = asText(Buffer.from(text.slice(start, j).replace(/-/g, "+").replace(/_/g, "/"), "base64"))
      if (decoded !== undefined) out.push({ kind: "base64", span: [start, end], text: decoded })
    }
  }
  if (text.includes("\\x")) {
    HEX_ESCAPES.lastIndex = 0
    for (let m = HEX_ESCAPES.exec(text); m !== null && out.length < MAX_DECODED_RUNS; m = HEX_ESCAPES.exec(text)) {
      decodeHex(m[0].replace(/\\x/g, ""), [m.index, m.index + m[0].length], out)
    }
  }
}

const urlRuns = (text: string, out: Array<Decoded>): void => {
  let i = text.indexOf("%")
  while (i >= 0 && i < text.length && out.length < MAX_DECODED_RUNS) {
    // extend to the surrounding non-space run
    let start = i
    while (start > 0 && !/\s/.test(text[start - 1] as string)) start--
    let end = i
    let escapes = 0
    while (end < text.length && !/\s/.test(text[end] as string)) {
      if (text[end] === "%" && isHex(text.charCodeAt(end + 1)) && isHex(text.charCodeAt(end + 2))) escapes++
      end++
    }
    if (escapes >= 3) {
      const bytes: Array<number> = []
      for (let k = start; k < end; k++) {
        if (text[k] === "%" && isHex(text.charCodeAt(k + 1)) && isHex(text.charCodeAt(k + 2))) {
          bytes.push(parseInt(text.slice(k + 1, k + 3), 16))
          k += 2
        } else if (text[k] === "+") bytes.push(32)
        else bytes.push(...Buffer.from(text[k] as string, "utf8"))
      }
      const decoded = asText(Uint8Array.from(bytes))
      if (decoded !== undefined) out.push({ kind: "url", span: [start, end], text: decoded })
    }
    const next = text.indexOf("%", end)
    i = next
  }
}

// \u0069\u0067... and &#105;&#103;... escapes: fixed-shape groups, at least four in a row
const UNICODE_ESCAPES = /(?:\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]{1,6}\}){4,4096}/g
const HTML_ENTITIES = /(?:&#(?:[xX][0-9a-fA-F]{1,6}|[0-9]{1,7});){4,4096}/g
const fromCode = (cp: number): string => (cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : "")

const escapeRuns = (text: string, out: Array<Decoded>): void => {
  if (text.includes("\\u")) {
    UNICODE_ESCAPES.lastIndex = 0
    for (let m = UNICODE_ESCAPES.exec(text); m !== null && out.length < MAX_DECODED_RUNS; m = UNICODE_ESCAPES.exec(text)) {
      const decoded = m[0].replace(/\\u\{?([0-9a-fA-F]{1,6})\}?/g, (_x, h: string) => fromCode(parseInt(h, 16)))
      out.push({ kind: "escape", span: [m.index, m.index + m[0].length], text: decoded })
    }
  }
  if (text.includes("&#")) {
    HTML_ENTITIES.lastIndex = 0
    for (let m = HTML_ENTITIES.exec(text); m !== null && out.length < MAX_DECODED_RUNS; m = HTML_ENTITIES.exec(text)) {
      const decoded = m[0].replace(/&#([xX]?)([0-9a-fA-F]{1,7});/g, (_x, x: string, d: string) => fromCode(parseInt(d, x === "" ? 10 : 16)))
      out.push({ kind: "escape", span: [m.index, m.index + m[0].length], text: decoded })
    }
  }
}

// Payload splitting: fragments in quotes that only form the attack once concatenated.
const splitView = (text: string, out: Array<Decoded>): void => {
  const fragments: Array<string> = []
  let first = -1
  let last = -1
  const re = /(["'`])([^"'`\n]{1,200})\1/g
  for (let m = re.exec(text); m !== null && fragments.length < 200; m = re.exec(text)) {
    fragments.push(m[2] as string)
    if (first < 0) first = m.index
    last = m.index + m[0].length
  }
  // split payloads are short; a document full of quotations is not one (and would cost two
  // full rescans)
  if (fragments.length < 2 || fragments.length > 64 || fragments.reduce((n, f) => n + f.length, 0) > 4000) return
  out.push({ kind: "split", span: [first, last], text: fragments.join("") })
  out.push({ kind: "split", span: [first, last], text: fragments.join(" ") })
}

// Character codes written out: decimal ("105, 103, 110"), 8-bit binary ("01101001 01100111") or
// 0x-prefixed hex ("0x69 0x67"). Every group has a fixed shape and a separator, so a failed
// attempt costs at most one group.
const DECIMAL_CODES = /\b(?:\d{2,3}[ ,;]{1,3}){7,4096}\d{2,3}\b/g
const BINARY_OCTETS = /\b(?:[01]{8}[ ,]{1,2}){5,4096}[01]{8}\b/g
const HEX_CODES = /\b(?:0x[0-9a-fA-F]{2}[ ,;]{1,3}){5,4096}0x[0-9a-fA-F]{2}\b/g

const codeRuns = (text: string, out: Array<Decoded>): void => {
  const take = (re: RegExp, radix: number): void => {
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null && out.length < MAX_DECODED_RUNS; m = re.exec(text)) {
      const codes = (m[0].match(/[0-9a-fA-Fx]+/g) ?? []).map((g) => parseInt(g.replace(/^0x/, ""), radix))
      // code points of text: letters, digits, punctuation, space (a list of measurements is not)
      if (codes.some((c) => !(c === 9 || c === 10 || (c >= 32 && c <= 126) || (c >= 0xa0 && c <= 0x10ffff && radix === 10)))) continue
      const decoded = asText(Buffer.from(codes.map(fromCode).join(""), "utf8"))
      if (decoded !== undefined) out.push({ kind: "codes", span: [m.index, m.index + m[0].length], text: decoded })
    }
  }
  if (/\d[ ,;]/.test(text)) take(DECIMAL_CODES, 10)
  if (text.includes("01")) take(BINARY_OCTETS, 2)
  if (text.includes("0x")) take(HEX_CODES, 16)
}

export interface DecodeHints {
  /** the text talks about joining pieces (pattern pass) */
  readonly split: boolean
}

/** `original` is the input; `norm` its normalised text (for the case-insensitive views). rot13 views are built by the engine, which knows the offset map. */
export const findEncoded = (original: string, norm: string, hints: DecodeHints): Array<Decoded> => {
  const out: Array<Decoded> = []
  runs(original, out)
  urlRuns(original, out)
  escapeRuns(original, out)
  codeRuns(original, out)
  if (hints.split) splitView(original, out)
  return out
}
