import type { IngressEvent } from "../../schemas/index.ts"

/** A user's message on the cli channel, with whatever fields a test overrides. */
export const ingress = (over: Partial<IngressEvent> = {}): IngressEvent => ({
  source: "user",
  trust: "principal",
  channel: "cli",
  sender: "me",
  threadId: "t1",
  contentType: "text",
  content: "What is on my calendar tomorrow?",
  ...over
})
