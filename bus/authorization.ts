/**
 * The NATS authorization config for distributed mode, generated from the subject table: each
 * actor is its own NATS user that may publish and subscribe exactly where the table names it,
 * so a compromised actor process cannot reach a subject the table does not give it — the
 * server refuses it before any other actor sees it.
 *
 * @since 0.1.0
 */
import { type ActorName, ActorNames } from "../schemas/index.ts"
import type { SubjectTableService } from "./SubjectTable.ts"

export interface ActorPermissions {
  readonly publish: ReadonlyArray<string>
  readonly subscribe: ReadonlyArray<string>
}

/** What each actor may publish and subscribe to on the server. */
export const permissions = (table: SubjectTableService, actor: ActorName): ActorPermissions => {
  const publish = new Set<string>()
  const subscribe = new Set<string>()
  for (const subject of table.subjects) {
    const wire = table.wire(subject)
    if (table.canPublish(actor, subject)) {
      publish.add(wire)
      // a requester receives its reply on an inbox of its own
      if (subject.kind === "request") subscribe.add("_INBOX.>")
    }
    if (table.canSubscribe(actor, subject)) subscribe.add(wire)
  }
  return { publish: [...publish].sort(), subscribe: [...subscribe].sort() }
}

/**
 * An `authorization { users: [...] }` block for nats-server. Responders answer through
 * `allow_responses`, which lets a user publish only to the reply subject of a request it
 * received, once.
 */
export const authorizationConfig = (
  table: SubjectTableService,
  passwords: Partial<Record<ActorName, string>>
): string => {
  const users = ActorNames.flatMap((actor) => {
    const password = passwords[actor]
    if (password === undefined) return []
    const p = permissions(table, actor)
    return [
      `    {
      user: ${JSON.stringify(actor)}
      password: ${JSON.stringify(password)}
      permissions: {
        publish: { allow: ${JSON.stringify(p.publish.length > 0 ? p.publish : ["_ironclaw_nothing"])} }
        subscribe: { allow: ${JSON.stringify(p.subscribe.length > 0 ? p.subscribe : ["_ironclaw_nothing"])} }
        allow_responses: true
      }
    }`
    ]
  })
  return `authorization {\n  users: [\n${users.join("\n")}\n  ]\n}\n`
}
