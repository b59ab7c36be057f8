import { ZAgentAck, type AgentAck } from "@outpost/cluster-core";

/** Reads an acknowledgement from the centre; anything malformed counts as a refusal. */
export function parseAgentAck(value: unknown): AgentAck {
  const parsed = ZAgentAck.safeParse(value);
  return parsed.success ? parsed.data : { ok: false, error: "malformed acknowledgement from the centre" };
}
