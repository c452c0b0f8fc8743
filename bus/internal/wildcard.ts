/** NATS subject matching: `*` matches one token, `>` one or more trailing tokens. */
export const matches = (pattern: string, subject: string): boolean => {
  if (pattern === subject) return true
  const p = pattern.split(".")
  const s = subject.split(".")
  for (let i = 0; i < p.length; i++) {
    const token = p[i]
    if (token === ">") return s.length > i
    if (i >= s.length) return false
    if (token !== "*" && token !== s[i]) return false
  }
  return p.length === s.length
}

export const isPattern = (subject: string): boolean => subject.split(".").some((t) => t === "*" || t === ">")
