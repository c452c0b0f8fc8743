/**
 * Every actor's Ed25519 public key, and the signing keys of the actors that run in this
 * process. An actor's bus client is handed only its own signing key.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import sodium from "libsodium-wrappers"
import { type ActorName, ActorNames } from "../schemas/index.ts"

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

  /** Key pair from a 32-byte seed (distributed mode keeps seeds in config). */
  static readonly fromSeed = (seed: Uint8Array): Effect.Effect<ActorKeys> =>
    Effect.promise(() => sodium.ready).pipe(
      Effect.map(() => {
        const pair = sodium.crypto_sign_seed_keypair(seed)
        return { publicKey: pair.publicKey, secretKey: pair.privateKey }
      })
    )
}
