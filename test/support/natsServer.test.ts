import * as net from "node:net"
import { assert, describe, it } from "@effect/vitest"
import { connect, type NatsConnection, PermissionViolationError, type Status } from "@nats-io/transport-node"
import { Effect } from "effect"
import { findNatsServer, NatsServerLive, startNatsServer } from "./natsServer.ts"

const text = (data: Uint8Array): string => new TextDecoder().decode(data)

const echo = (nc: NatsConnection, subject: string) =>
  nc.subscribe(subject, {
    callback: (_err, msg) => {
      msg.respond(`echo:${text(msg.data)}`)
    }
  })

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })

/** The first status event matching `predicate`, or a rejection after `ms`. */
const nextStatus = async (nc: NatsConnection, predicate: (s: Status) => boolean, ms = 5_000): Promise<Status> => {
  const iterator = nc.status()[Symbol.asyncIterator]()
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no such status event")), ms))
  for (;;) {
    const next = await Promise.race([iterator.next(), timeout])
    if (next.done === true) throw new Error("status stream ended")
    if (predicate(next.value)) return next.value
  }
}

describe("test/support/natsServer", () => {
  it("finds nats-server, and says how to install it when it is missing", () => {
    assert.match(findNatsServer(), /nats-server$/)
    assert.throws(() => findNatsServer(["/nonexistent"]), "nats-server not found: install it with apt-get install -y nats-server")
  })

  it("starts a server on a free port that serves request/reply, and stop frees the port", async () => {
    const server = await startNatsServer()
    try {
      assert.notStrictEqual(server.port, 4222)
      assert.strictEqual(server.url, `nats://127.0.0.1:${server.port}`)
      assert.include(server.logs(), "Starting JetStream")
      const nc = await connect({ servers: server.url })
      echo(nc, "harness.echo")
      const reply = await nc.request("harness.echo", "hi", { timeout: 2_000 })
      assert.strictEqual(text(reply.data), "echo:hi")
      await nc.close()
    } finally {
      await server.stop()
    }
    assert.isTrue(await portIsFree(server.port))
    await server.stop() // idempotent
  })

  it("restart keeps the port and a client reconnects", async () => {
    const server = await startNatsServer()
    try {
      const nc = await connect({ servers: server.url, reconnectTimeWait: 50, maxReconnectAttempts: -1 })
      echo(nc, "harness.echo")
      const reconnected = nextStatus(nc, (s) => s.type === "reconnect")
      const port = server.port
      await server.restart()
      assert.strictEqual(server.port, port)
      await reconnected
      const reply = await nc.request("harness.echo", "again", { timeout: 2_000 })
      assert.strictEqual(text(reply.data), "echo:again")
      await nc.close()
    } finally {
      await server.stop()
    }
  })

  it("applies an authorization config: forbidden publishes and requests fail", async () => {
    const server = await startNatsServer({
      config: `
        authorization {
          users: [
            { user: "actor", password: "pw", permissions: {
                publish: { allow: ["allowed.>", "_INBOX.>"] },
                subscribe: { allow: ["allowed.>", "_INBOX.>"] } } }
          ]
        }`
    })
    try {
      await connect({ servers: server.url, reconnect: false }).then(
        () => assert.fail("an anonymous client must be refused"),
        (error: unknown) => assert.match(String(error), /authorization/i)
      )
      const nc = await connect({ servers: server.url, user: "actor", pass: "pw" })
      echo(nc, "allowed.echo")
      assert.strictEqual(text((await nc.request("allowed.echo", "ok", { timeout: 2_000 })).data), "echo:ok")

      const violation = nextStatus(nc, (s) => s.type === "error")
      nc.publish("forbidden.x", "no")
      const status = await violation
      assert.strictEqual(status.type, "error")
      if (status.type === "error") {
        assert.instanceOf(status.error, PermissionViolationError)
        assert.include(status.error.message, "forbidden.x")
      }

      const rejected = await nc.request("forbidden.y", "no", { timeout: 2_000 }).then(() => undefined, (e: unknown) => e)
      // A RequestError whose cause is the server's PermissionViolationError.
      assert.instanceOf(rejected, Error)
      assert.instanceOf((rejected as Error).cause, PermissionViolationError)
      await nc.close()
    } finally {
      await server.stop()
    }
  })

  it.effect("NatsServerLive stops the server when the scope closes", () =>
    Effect.gen(function*() {
      const port = yield* Effect.scoped(
        Effect.gen(function*() {
          const server = yield* NatsServerLive({ jetstream: false })
          assert.notInclude(server.logs(), "Starting JetStream")
          const nc = yield* Effect.promise(() => connect({ servers: server.url }))
          yield* Effect.promise(() => nc.flush())
          yield* Effect.promise(() => nc.close())
          return server.port
        })
      )
      assert.isTrue(yield* Effect.promise(() => portIsFree(port)))
    }))
})
