// Finds encoded runs (base64, hex, URL-encoding), rot13 text and split string payloads, and
// returns the decoded text of each with the span it came from. Decoding is linear: character
// runs are found with hand-written loops (a regex like /[A-Za-z0-9+\/]{20,}/g restarts at every
// character of a near-miss run), and each run is decoded once.

export interface Decoded {
  readonly kind: "base64" | "hex" | "url" | "rot13" | "split"
  readonly span: readonly [number, number]
  readonly text: string
}

const MIN_BASE64 = 20
const MIN_HEX = 16
const MAX_DECODED_RUNS = 64

const isB64 = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)

/** Decoded bytes count as text when valid UTF-8 and almost entirely printable. */
const asText = (bytes: Uint8Array): string | undefined => {
  if (bytes.length < 6) return undefined
  let text: string
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
  let printable = 0
  let letters = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 32 || c === 9 || c === 10 || c === 13) printable++
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 0x7f) letters++
  }
  return printable / text.length >= 0.95 && letters / text.length >= 0.5 ? text : undefined
}

const base64Runs = (text: string, out: Array<Decoded>): void => {
  let i = 0
  while (i < text.length && out.length < MAX_DECODED_RUNS) {
    if (!isB64(text.charCodeAt(i))) {
      i++
      continue
    }
    const start = i
    let upper = 0
    let lower = 0
    let digit = 0
    while (i < text.length && isB64(text.charCodeAt(i))) {
      const c = text.charCodeAt(i)
      if (c >= 65 && c <= 90) upper++
      else if (c >= 97 && c <= 122) lower++
      else if (c >= 48 && c <= 57) digit++
      i++
    }
    let end = i
    while (end < text.length && text.charCodeAt(end) === 61 && end - i < 2) end++
    const len = i - start
    // base64 of text mixes cases; a long all-lower run is a word or an identifier
    if (len >= MIN_BASE64 && upper > 0 && lower > 0 && upper + digit >= len / 10) {
      const run = text.slice(start, i)
      const decoded = asText(Buffer.from(run.replace(/-/g, "+").replace(/_/g, "/"), "base64"))
      if (decoded !== undefined) out.push({ kind: "base64", span: [start, end], text: decoded })
    }
    i = end
  }
}

const hexRuns = (text: string, out: Array<Decoded>): void => {
  let i = 0
  while (i < text.length && out.length < MAX_DECODED_RUNS) {
    // "\x41\x42" escapes and "41 42 43" byte lists count as runs too
    const start = i
    let digits = ""
    while (i < text.length) {
      if (isHex(text.charCodeAt(i)) && isHex(text.charCodeAt(i + 1))) {
        digits += text.slice(i, i + 2)
        i += 2
      } else if (text[i] === "\\" && (text[i + 1] === "x" || text[i + 1] === "X") && isHex(text.charCodeAt(i + 2)) && isHex(text.charCodeAt(i + 3))) {
        i += 2
      } else if (text[i] === " " && digits.length > 0 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2)) && !isHex(text.charCodeAt(i + 3))) {
        i += 1
      } else break
    }
    if (i === start) {
      i++
      continue
    }
    if (digits.length >= MIN_HEX) {
      const decoded = asText(Buffer.from(digits, "hex"))
      if (decoded !== undefined) out.push({ kind: "hex", span: [start, i], text: decoded })
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

const rot13 = (s: string): string =>
  s.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97))

// rot13 of words that injections cannot do without; only then is a rot13 view worth a scan
const ROT13_SIGNS = /\b(?:vtaber|qvfertneq|sbetrg|cerivbhf|vafgehpgvbaf|flfgrz|cebzcg|cnffjbeq|frperg|erirny|lbh ner abj)\b/

/** Over normalised (lower-case) text. */
const rot13View = (norm: string, out: Array<Decoded>): void => {
  if (ROT13_SIGNS.test(norm)) out.push({ kind: "rot13", span: [0, norm.length], text: rot13(norm) })
}

// Payload splitting: fragments in quotes that only form the attack once concatenated.
// Only worth a scan when the text talks about putting pieces together.
const SPLIT_HINT = /concat|combin|join|append|put (?:them |it )?together|merge|assembl|["'`]\s{0,3}\+\s{0,3}[a-z"'`]|\b[a-z]\s{0,2}\+\s{0,2}[a-z]\b/

const splitView = (text: string, norm: string, out: Array<Decoded>): void => {
  if (!SPLIT_HINT.test(norm)) return
  const fragments: Array<string> = []
  let first = -1
  let last = -1
  const re = /(["'`])([^"'`\n]{1,200})\1/g
  for (let m = re.exec(text); m !== null && fragments.length < 200; m = re.exec(text)) {
    fragments.push(m[2] as string)
    if (first < 0) first = m.index
    last = m.index + m[0].length
  }
  if (fragments.length < 2) return
  out.push({ kind: "split", span: [first, last], text: fragments.join("") })
  out.push({ kind: "split", span: [first, last], text: fragments.join(" ") })
}

/** `original` is the input; `norm` its normalised text (for the case-insensitive views). */
export const findEncoded = (original: string, norm: string): Array<Decoded> => {
  const out: Array<Decoded> = []
  base64Runs(original, out)
  hexRuns(original, out)
  urlRuns(original, out)
  rot13View(norm, out)
  splitView(original, norm, out)
  return out
}
