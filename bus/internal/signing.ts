import sodium from "libsodium-wrappers"

const encoder = new TextEncoder()

/** Ed25519 detached signature, base64 (URL-safe, unpadded: libsodium's default variant). */
export const sign = (canonical: string, secretKey: Uint8Array): string =>
  sodium.to_base64(sodium.crypto_sign_detached(encoder.encode(canonical), secretKey))

export type VerifyResult = "ok" | "malformed" | "mismatch"

export const verify = (canonical: string, signature: string, publicKey: Uint8Array): VerifyResult => {
  let bytes: Uint8Array
  try {
    bytes = sodium.from_base64(signature)
  } catch {
    return "malformed"
  }
  if (bytes.length !== sodium.crypto_sign_BYTES) return "malformed"
  return sodium.crypto_sign_verify_detached(bytes, encoder.encode(canonical), publicKey) ? "ok" : "mismatch"
}
