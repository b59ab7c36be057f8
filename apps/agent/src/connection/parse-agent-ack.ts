import { z } from "zod";
import type { AgentAck } from "@outpost/cluster-core";

// cluster-core declares AgentAck as a type only; the wire still needs checking. The two
// assignments below fail to compile if this schema and the type ever drift apart.
const ZAgentAck = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), receivedAt: z.number() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
const schemaMatchesType: (a: z.infer<typeof ZAgentAck>) => AgentAck = (a) => a;
const typeMatchesSchema: (a: AgentAck) => z.infer<typeof ZAgentAck> = (a) => a;
void schemaMatchesType;
void typeMatchesSchema;

/** Reads an acknowledgement from the centre; anything malformed counts as a refusal. */
export function parseAgentAck(value: unknown): AgentAck {
  const parsed = ZAgentAck.safeParse(value);
  return parsed.success ? parsed.data : { ok: false, error: "malformed acknowledgement from the centre" };
}
