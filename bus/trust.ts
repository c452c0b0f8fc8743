/**
 * What the sanitizer and the judge sign, in one place, so that the producers and every
 * verifier (the judge, the LLM actor, the auditor) compute the same bytes.
 *
 * @since 0.1.0
 */
import { createHash } from "node:crypto"
import type { JudgedPrompt, SanitizedContent } from "../schemas/index.ts"
import { canonicalJson } from "./canonical.ts"

/** The fields of SanitizedContent that its hash covers: all but the hash and the signature. */
export type SanitizedFields = Omit<SanitizedContent, "contentHash" | "sanitizerSignature">

/** base64url SHA-256 of the canonical JSON of the sanitized content's fields. */
export const contentHashOf = (content: SanitizedFields): string => {
  const { ingressId, source, trust, channel, sender, threadId, sanitized, findings, sanitizedAt } = content
  return createHash("sha256")
    .update(canonicalJson({ ingressId, source, trust, channel, sender, threadId, sanitized, findings, sanitizedAt }))
    .digest("base64url")
}

/** The statement the judge signs: its verdict bound to the content hash and the sanitizer's signature. */
export const judgeStatement = (prompt: Omit<JudgedPrompt, "judgeSignature" | "content"> & {
  readonly content: Pick<SanitizedContent, "contentHash" | "sanitizerSignature">
}): string =>
  canonicalJson({
    promptId: prompt.promptId,
    contentHash: prompt.content.contentHash,
    sanitizerSignature: prompt.content.sanitizerSignature,
    verdict: prompt.verdict,
    ruleIds: prompt.ruleIds,
    judgedAt: prompt.judgedAt
  })
