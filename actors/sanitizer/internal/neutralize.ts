// Makes chat-template control syntax inert before untrusted text reaches a prompt, and wraps the
// text in an envelope it cannot close.
//
// Escape scheme: the angle and square brackets of a special token become HTML entities
// ("<|im_start|>" -> "&lt;|im_start|&gt;", "[INST]" -> "&#91;INST&#93;"), and a role marker at the
// start of a line loses its colon to "&#58;" ("Human:" -> "Human&#58;"). The result reads the same to
// a person and to a model, but no tokenizer maps it to a control token and no template parser sees
// a turn boundary. Invisible characters (zero-width, bidi, tag characters) are removed first, since
// they can split a token so that it survives escaping and re-forms after a later normalisation.

const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g

const TOKENS: ReadonlyArray<[RegExp, (m: string) => string]> = [
  // <|anything|>, and any stray "<|" or "|>"
  [/<\|/g, () => "&lt;|"],
  [/\|>/g, () => "|&gt;"],
  // Llama 2 / Mistral
  [/\[(\/?)inst\]/gi, (m) => `&#91;${m.slice(1, -1)}&#93;`],
  [/<<\/?sys>>/gi, (m) => m.replaceAll("<", "&lt;").replaceAll(">", "&gt;")],
  // Gemma, sentence markers, ChatML-like tags without pipes
  [/<\/?(?:start_of_turn|end_of_turn|s|bos|eos|pad|unk|im_start|im_end|endoftext|system|user|assistant)>/gi, (m) => m.replaceAll("<", "&lt;").replaceAll(">", "&gt;")],
  // ```system fences
  [/```(?=\s{0,3}(?:system|assistant|instructions?)\b)/gi, () => "&#96;&#96;&#96;"],
  // role markers at line starts (Human:/Assistant: of the Anthropic legacy format and friends)
  [/^([ \t>*#_-]{0,8})(human|assistant|system|user|ai|developer|tool|function)(\s{0,3}):/gim, (m) => m.slice(0, -1) + "&#58;"]
]

export const neutralize = (text: string): string => {
  let out = text.replace(INVISIBLE, "")
  for (const [re, f] of TOKENS) out = out.replace(re, f)
  return out
}

const BOUNDARY = /<(\/?)(untrusted)/gi
const SAFE_ATTR = /[^A-Za-z0-9_.:-]/g

/**
 * `<untrusted source="..." nonce="...">` ... `</untrusted nonce="...">`. Inside, every "<untrusted"
 * or "</untrusted" is escaped, so the content can neither close the envelope nor open a fake one,
 * even if it guesses the nonce. The nonce must have at least 8 safe characters (a caller bug
 * otherwise, so it throws).
 */
export const wrapUntrusted = (text: string, meta: { source: string; nonce: string }): string => {
  const nonce = meta.nonce.replace(SAFE_ATTR, "")
  if (nonce.length < 8 || nonce !== meta.nonce) throw new Error("wrapUntrusted: nonce must be at least 8 characters of [A-Za-z0-9_.:-]")
  const source = meta.source.replace(SAFE_ATTR, "_").slice(0, 40)
  const body = neutralize(text).replace(BOUNDARY, (_m, slash: string, word: string) => `&lt;${slash}${word}`)
  return `<untrusted source="${source}" nonce="${nonce}">\n${body}\n</untrusted nonce="${nonce}">`
}
