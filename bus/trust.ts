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

/** Why sanitized content is not what the sanitizer signed; `undefined` when it is. */
export type SanitizedProblem =
  | { readonly reason: "hash-mismatch" }
  | { readonly reason: "signature"; readonly signature: "malformed" | "mismatch" | "unknown-key" }

/**
 * The content hashes to its `contentHash` and the sanitizer signed that hash. The judge and the
 * LLM actor both check this; `verify` is their bus client's.
 */
export const checkSanitized = (
  content: SanitizedContent,
  verify: (signer: "sanitizer", data: string, signature: string) => "ok" | "malformed" | "mismatch" | "unknown-key"
): SanitizedProblem | undefined => {
  if (contentHashOf(content) !== content.contentHash) return { reason: "hash-mismatch" }
  const signature = verify("sanitizer", content.contentHash, content.sanitizerSignature)
  return signature === "ok" ? undefined : { reason: "signature", signature }
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
