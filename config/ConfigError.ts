import { Schema } from "effect"

/**
 * An invalid configuration value, or an unreadable or malformed `.env` file.
 *
 * `message` is one line meant for a person (the CLI prints it as is); `key` is
 * the environment variable name, `source` is `"env"` or the path of the `.env`
 * file that supplied the value. `value` is absent for secret keys and for
 * malformed `.env` lines, which may hold a secret.
 */
export class ConfigError extends Schema.TaggedError<ConfigError>()("ConfigError", {
  key: Schema.String,
  value: Schema.optionalKey(Schema.String),
  source: Schema.String,
  line: Schema.optionalKey(Schema.Int),
  message: Schema.String
}) {}
