/**
 * Very long unbroken strings (a run of non-whitespace characters), found by one linear scan.
 * Long runs hide encoded payloads and defeat word-based detectors; the reference flags 500+.
 */
import type { Finding } from "../../../schemas/index.ts"

export const LONG_TOKEN_ID = "structure.long-token"
export const LONG_TOKEN_MIN = 512
/** Enough to show the shape of an input without one finding per run of a pathological one. */
const MAX_FINDINGS = 8

const isSpace = (code: number): boolean =>
  code <= 0x20 || code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000

export const longTokens = (text: string, min: number = LONG_TOKEN_MIN): Array<Finding> => {
  const out: Array<Finding> = []
  let start = -1
  const close = (end: number) => {
    if (start !== -1 && end - start >= min && out.length < MAX_FINDINGS) {
      out.push({
        id: LONG_TOKEN_ID,
        family: "structure",
        severity: "medium",
        span: [start, end],
        message: `${end - start} characters without whitespace (possible encoded or obfuscated payload)`
      })
    }
    start = -1
  }
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) close(i)
    else if (start === -1) start = i
  }
  close(text.length)
  return out
}
