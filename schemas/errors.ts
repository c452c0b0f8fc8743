/**
 * The bus's expected failures. Callers decide what to do by `_tag`, never by message.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A request got no reply within its deadline. Retrying may help. */
export class BusTimeout extends Schema.TaggedError<BusTimeout>()("BusTimeout", {
  subject: Schema.String,
  timeoutMs: Schema.Number
}) {
  override get message() {
    return `no reply on ${this.subject} within ${this.timeoutMs} ms`
  }
}

/** A request found nobody subscribed to its subject. */
export class NoResponders extends Schema.TaggedError<NoResponders>()("NoResponders", {
  subject: Schema.String
}) {
  override get message() {
    return `no responders on ${this.subject}`
  }
}

/** A payload or envelope failed to decode; `where` says which part and `detail` what was wrong. */
export class DecodeFailure extends Schema.TaggedError<DecodeFailure>()("DecodeFailure", {
  subject: Schema.String,
  where: Schema.Literals(["frame", "envelope", "payload", "reply"]),
  detail: Schema.String
}) {
  override get message() {
    return `cannot decode ${this.where} on ${this.subject}: ${this.detail}`
  }
}

/** The subject table, or the NATS server, does not let this actor do this. */
export class PermissionDenied extends Schema.TaggedError<PermissionDenied>()("PermissionDenied", {
  subject: Schema.String,
  actor: Schema.String,
  operation: Schema.Literals(["publish", "subscribe", "request", "reply"]),
  source: Schema.Literals(["table", "server"])
}) {
  override get message() {
    return `${this.actor} may not ${this.operation} on ${this.subject} (refused by the ${this.source})`
  }
}

/** The envelope names a producer that the subject table does not allow to publish it. */
export class UnauthorizedPublisher extends Schema.TaggedError<UnauthorizedPublisher>()("UnauthorizedPublisher", {
  subject: Schema.String,
  producer: Schema.String
}) {
  override get message() {
    return `${this.producer} is not an allowed publisher of ${this.subject}`
  }
}

/** A signed subject carried no signature, or one that does not verify with the producer's key. */
export class InvalidSignature extends Schema.TaggedError<InvalidSignature>()("InvalidSignature", {
  subject: Schema.String,
  producer: Schema.String,
  reason: Schema.Literals(["missing", "malformed", "mismatch", "unknown-key"])
}) {
  override get message() {
    return `signature ${this.reason} on ${this.subject} from ${this.producer}`
  }
}

/** An envelope id seen before inside the replay window, or a time outside it. */
export class ReplayDetected extends Schema.TaggedError<ReplayDetected>()("ReplayDetected", {
  subject: Schema.String,
  id: Schema.String,
  reason: Schema.Literals(["duplicate-id", "stale", "future"])
}) {
  override get message() {
    return `replayed envelope ${this.id} on ${this.subject} (${this.reason})`
  }
}

/** The connection to the bus is gone and the operation could not complete. */
export class ConnectionLost extends Schema.TaggedError<ConnectionLost>()("ConnectionLost", {
  detail: Schema.String
}) {
  override get message() {
    return `bus connection lost: ${this.detail}`
  }
}

/** The responder's handler failed; its failure travels back in the reply. */
export class RemoteFailure extends Schema.TaggedError<RemoteFailure>()("RemoteFailure", {
  subject: Schema.String,
  tag: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `${this.subject} failed at the responder: ${this.tag}: ${this.detail}`
  }
}

/**
 * The LLM actor's acceptance check refused a prompt: it did not come from the judge, a
 * signature or the content hash does not verify, it is stale or replayed, or its verdict does
 * not let it through.
 */
export class PromptRejected extends Schema.TaggedError<PromptRejected>()("PromptRejected", {
  reason: Schema.Literals([
    "content-hash-mismatch",
    "sanitizer-signature",
    "judge-signature",
    "stale",
    "future",
    "replayed",
    "verdict-not-allowed"
  ]),
  promptId: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `prompt ${this.promptId} rejected (${this.reason}): ${this.detail}`
  }
}

/** Reasons a received message is refused before any handler sees it. */
export type RejectionError = DecodeFailure | UnauthorizedPublisher | InvalidSignature | ReplayDetected

/** Everything a bus operation can fail with. */
export type BusError =
  | BusTimeout
  | NoResponders
  | DecodeFailure
  | PermissionDenied
  | ConnectionLost
  | RemoteFailure
  | UnauthorizedPublisher
  | InvalidSignature
  | ReplayDetected
