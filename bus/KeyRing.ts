/**
 * Every actor's Ed25519 public key, and the signing keys of the actors that run in this
 * process. An actor's bus client is handed only its own signing key.
 *
 * @since 0.1.0
 */
import { Context, Effect, Exit, Layer, Redacted, Schema } from "effect"
import sodium from "libsodium-wrappers"
import { type ActorName, ActorNames, ActorName as ActorNameSchema } from "../schemas/index.ts"

/**
 * The distributed-mode keys file: every actor's public key (base64url). Public by nature; each
 * actor process gets its own 32-byte seed separately (IRONCLAW_ACTOR_KEY_SEED).
 */
export const KeysFile = Schema.Struct({
  version: Schema.Literal(1),
  /** Any subset of the actors: a deployment lists those it runs. */
  publicKeys: Schema.Record(Schema.String, Schema.String)
})
export type KeysFile = typeof KeysFile.Type

/** The keys file could not be used: which part was wrong, and why. */
export class KeysFileError extends Schema.TaggedError<KeysFileError>()("KeysFileError", {
  detail: Schema.String
}) {
  override get message() {
    return `invalid keys file: ${this.detail}`
  }
}

const isActorName = Schema.is(ActorNameSchema)
const decodeKeysFile = Schema.decodeUnknownExit(Schema.fromJsonString(KeysFile))

const fromBase64 = (text: string, what: string, bytes: number): Uint8Array | KeysFileError => {
  let out: Uint8Array
  try {
    out = sodium.from_base64(text)
  } catch {
    return new KeysFileError({ detail: `${what} is not base64url` })
  }
  return out.length === bytes ? out : new KeysFileError({ detail: `${what} is ${out.length} bytes, expected ${bytes}` })
}

export interface ActorKeys {
  readonly publicKey: Uint8Array
  /** Present only for actors this process runs. */
  readonly secretKey?: Uint8Array
}

export class KeyRing extends Context.Service<KeyRing, {
  readonly publicKey: (actor: ActorName) => Uint8Array | undefined
  readonly secretKey: (actor: ActorName) => Uint8Array | undefined
}>()("ironclaw/bus/KeyRing") {
  /** A keyring from known keys, e.g. public keys from the distributed-mode keys file. */
  static readonly make = (keys: Partial<Record<ActorName, ActorKeys>>): Effect.Effect<KeyRing["Service"]> =>
    Effect.promise(() => sodium.ready).pipe(
      Effect.as(KeyRing.of({
        publicKey: (actor) => keys[actor]?.publicKey,
        secretKey: (actor) => keys[actor]?.secretKey
      }))
    )

  /** Single-node mode: a fresh key pair for every actor, made at start and never stored. */
  static readonly layerGenerated = Layer.effect(
    KeyRing,
    Effect.gen(function*() {
      yield* Effect.promise(() => sodium.ready)
      const keys: Partial<Record<ActorName, ActorKeys>> = {}
      for (const actor of ActorNames) {
        const pair = sodium.crypto_sign_keypair()
        keys[actor] = { publicKey: pair.publicKey, secretKey: pair.privateKey }
      }
      return yield* KeyRing.make(keys)
    })
  )

  /**
   * Distributed mode: public keys from the keys file, and this process's own actor key from
   * its seed. The seed's public key must match the file's entry for that actor.
   */
  static readonly fromKeysFile = (
    text: string,
    own: { readonly actor: ActorName; readonly seed: Redacted.Redacted<string> }
  ): Effect.Effect<KeyRing["Service"], KeysFileError> =>
    Effect.gen(function*() {
      yield* Effect.promise(() => sodium.ready)
      const decoded = decodeKeysFile(text)
      if (Exit.isFailure(decoded)) {
        return yield* new KeysFileError({ detail: "expected {\"version\": 1, \"publicKeys\": {\"<actor>\": \"<base64url>\"}}" })
      }
      const keys: Partial<Record<ActorName, ActorKeys>> = {}
      for (const [actor, encoded] of Object.entries(decoded.value.publicKeys)) {
        if (!isActorName(actor)) return yield* new KeysFileError({ detail: `"${actor}" is not an actor (${ActorNames.join(", ")})` })
        const publicKey = fromBase64(encoded, `the public key of ${actor}`, sodium.crypto_sign_PUBLICKEYBYTES)
        if (publicKey instanceof KeysFileError) return yield* publicKey
        keys[actor] = { publicKey }
      }
      const seed = fromBase64(Redacted.value(own.seed), "IRONCLAW_ACTOR_KEY_SEED", sodium.crypto_sign_SEEDBYTES)
      if (seed instanceof KeysFileError) return yield* seed
      const pair = yield* KeyRing.fromSeed(seed)
      const listed = keys[own.actor]?.publicKey
      if (listed === undefined || sodium.to_base64(listed) !== sodium.to_base64(pair.publicKey)) {
        return yield* new KeysFileError({ detail: `the seed does not belong to ${own.actor}: its public key is not the one the file lists` })
      }
      keys[own.actor] = pair
      return yield* KeyRing.make(keys)
    })

  /** Fresh seeds for every actor and the keys file that goes with them. */
  static readonly generateKeysFile = Effect.gen(function*() {
    yield* Effect.promise(() => sodium.ready)
    const seeds: Partial<Record<ActorName, string>> = {}
    const publicKeys: Partial<Record<ActorName, string>> = {}
    for (const actor of ActorNames) {
      const seed = sodium.randombytes_buf(sodium.crypto_sign_SEEDBYTES)
      seeds[actor] = sodium.to_base64(seed)
      publicKeys[actor] = sodium.to_base64(sodium.crypto_sign_seed_keypair(seed).publicKey)
    }
    const file: KeysFile = { version: 1, publicKeys: publicKeys as Record<ActorName, string> }
    return { file, seeds: seeds as Record<ActorName, string> }
  })

  /** Key pair from a 32-byte seed (distributed mode keeps seeds in config). */
  static readonly fromSeed = (seed: Uint8Array): Effect.Effect<ActorKeys> =>
    Effect.promise(() => sodium.ready).pipe(
      Effect.map(() => {
        const pair = sodium.crypto_sign_seed_keypair(seed)
        return { publicKey: pair.publicKey, secretKey: pair.privateKey }
      })
    )
}
