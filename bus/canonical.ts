/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped. Signatures
 * are made over this form of the envelope, so any holder of the decoded envelope can verify it.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== "object") {
    const out = JSON.stringify(value)
    if (out === undefined) throw new TypeError(`value of type ${typeof value} has no JSON form`)
    return out
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(",")}}`
}
