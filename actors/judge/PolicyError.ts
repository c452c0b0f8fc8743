/**
 * Why a policy could not be used. A broken file at start fails the layer with one of these;
 * a broken file on reload becomes the policy's `lastError` while the last good rules stay.
 */
import { Schema } from "effect"

/** The file parsed but a rule (or the file's shape) is wrong; names the rule and the field. */
export class PolicyInvalid extends Schema.TaggedError<PolicyInvalid>()("PolicyInvalid", {
  /** The file path, or a label such as `(inline)` for rules given in code. */
  source: Schema.String,
  ruleId: Schema.optionalKey(Schema.String),
  /** A path into the document, e.g. `rules[3].match.pattern` or `rateLimits.perSender.capacity`. */
  field: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    const rule = this.ruleId !== undefined ? `rule "${this.ruleId}" ` : ""
    return `invalid policy ${this.source}: ${rule}${this.field}: ${this.detail}`
  }
}

/** The file could not be read at all (missing, unreadable, a folder). */
export class PolicyUnreadable extends Schema.TaggedError<PolicyUnreadable>()("PolicyUnreadable", {
  path: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `cannot read policy ${this.path}: ${this.detail}`
  }
}

export type PolicyError = PolicyInvalid | PolicyUnreadable
