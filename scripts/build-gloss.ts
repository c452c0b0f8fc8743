// Writes actors/sanitizer/model/gloss-dictionary.json from the hand-written dictionary, without
// the forms English uses (scripts/lib/glossDictionary.ts).   node scripts/build-gloss.ts
import { writeFileSync } from "node:fs"
import { buildGlossDictionary, SHIPPED } from "./lib/glossDictionary.ts"

const { dictionary, dropped } = buildGlossDictionary()
writeFileSync(SHIPPED, `${JSON.stringify(dictionary)}\n`)
const forms = Object.values(dictionary).reduce((n, byLang) => n + Object.values(byLang).reduce((m, fs) => m + fs.length, 0), 0)
console.error(`wrote ${SHIPPED.pathname}: ${forms} forms; ${dropped.length} dropped as English words: ${dropped.join(" ")}`)
