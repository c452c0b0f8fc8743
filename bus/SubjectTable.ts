/**
 * The subject table as a service, under a namespace prefix: lookups by wire name and the
 * permission rules every bus client enforces.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import type { ActorName } from "../schemas/index.ts"
import type { Subject } from "./Subject.ts"
import { systemSubjects } from "./subjects.ts"

export interface SubjectTableService {
  readonly namespace: string
  readonly subjects: ReadonlyArray<Subject>
  /** The NATS subject a subject travels on: `<namespace>.<name>`. */
  readonly wire: (subject: Subject) => string
  /** The subject a wire name belongs to, if the table has it. */
  readonly fromWire: (wire: string) => Subject | undefined
  readonly canPublish: (actor: ActorName, subject: Subject) => boolean
  readonly canSubscribe: (actor: ActorName, subject: Subject) => boolean
}

const NAMESPACE = /^[a-z][a-z0-9_-]{0,31}$/

export class SubjectTable extends Context.Service<SubjectTable, SubjectTableService>()("ironclaw/bus/SubjectTable") {
  static readonly make = (namespace: string, subjects: ReadonlyArray<Subject>): SubjectTableService => {
    if (!NAMESPACE.test(namespace)) throw new Error(`namespace "${namespace}" is not a lower-case NATS token`)
    const byWire = new Map<string, Subject>()
    for (const subject of subjects) {
      const wire = `${namespace}.${subject.name}`
      if (byWire.has(wire)) throw new Error(`subject ${subject.name} is defined twice`)
      byWire.set(wire, subject)
    }
    return {
      namespace,
      subjects,
      wire: (subject) => `${namespace}.${subject.name}`,
      fromWire: (wire) => byWire.get(wire),
      canPublish: (actor, subject) => subject.publishers.includes(actor),
      // The auditor records every subject; everyone else only what the table names them for.
      canSubscribe: (actor, subject) => actor === "auditor" || subject.subscribers.includes(actor)
    }
  }

  /** The system table under a namespace, with extra subjects (tests, later actors). */
  static readonly layer = (namespace = "ironclaw", extra: ReadonlyArray<Subject> = []) =>
    Layer.succeed(SubjectTable, SubjectTable.make(namespace, [...systemSubjects, ...extra]))
}
