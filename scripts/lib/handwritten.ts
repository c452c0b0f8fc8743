// Hand-written training text (every scripts/data/*.json), written for this project: attacks sent
// to the assistant directly (per family, many languages), ordinary messages to it, instructions
// hidden in data (family "in_data") and ordinary data that addresses its human readers (kind
// "data_benign"). Each item gets a fixed fold from a
// hash of its text, so cross-fitting holds whole items out.
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"

export interface Item {
  /** attack family, or benign kind */
  readonly label: string
  readonly lang: string
  readonly carrier?: string
  readonly text: string
  readonly fold: number
}

export interface Handwritten {
  /** attacks a user sends straight to the assistant */
  readonly direct: ReadonlyArray<Item>
  /** ordinary messages to the assistant */
  readonly requests: ReadonlyArray<Item>
  /** instructions for the assistant hidden in data */
  readonly inData: ReadonlyArray<Item>
  /** ordinary data addressing its human readers */
  readonly data: ReadonlyArray<Item>
}

const DATA_DIR = new URL("../data/", import.meta.url)

const foldOf = (text: string, folds: number): number => createHash("sha256").update(text).digest().readUInt32BE(0) % folds

const load = (file: string, folds: number): Array<Item & { readonly benign: boolean }> => {
  const raw = JSON.parse(readFileSync(new URL(file, DATA_DIR), "utf8")) as unknown
  if (!Array.isArray(raw)) throw new Error(`scripts/data/${file}: not a JSON array`)
  return raw.map((x: unknown, i) => {
    const o = x as Record<string, unknown>
    const label = o["family"] ?? o["kind"]
    if (typeof o["text"] !== "string" || o["text"].trim() === "" || typeof label !== "string" || typeof o["lang"] !== "string") {
      throw new Error(`scripts/data/${file}[${i}]: needs string "text", "lang" and "family" or "kind"`)
    }
    const carrier = typeof o["carrier"] === "string" ? { carrier: o["carrier"] } : {}
    return { label, lang: o["lang"], ...carrier, text: o["text"], fold: foldOf(o["text"], folds), benign: o["family"] === undefined }
  })
}

export const handwritten = (folds: number, keep: (text: string) => boolean = () => true): Handwritten & { readonly dropped: number } => {
  const all = readdirSync(DATA_DIR).filter((f) => f.endsWith(".json")).sort().flatMap((f) => load(f, folds))
  const unique = new Map<string, (typeof all)[number]>()
  for (const it of all) if (!unique.has(it.text)) unique.set(it.text, it)
  const kept = [...unique.values()].filter((it) => keep(it.text))
  const dropped = unique.size - kept.length
  const strip = ({ benign: _b, ...it }: (typeof all)[number]): Item => it
  return {
    direct: kept.filter((it) => !it.benign && it.label !== "in_data").map(strip),
    requests: kept.filter((it) => it.benign && it.label !== "data_benign").map(strip),
    inData: kept.filter((it) => it.label === "in_data").map(strip),
    data: kept.filter((it) => it.label === "data_benign").map(strip),
    dropped
  }
}
