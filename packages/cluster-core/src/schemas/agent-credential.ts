import { z } from "zod";

/**
 * credential:rotate — the centre hands a connected agent its next credential. The agent saves
 * it durably, then acknowledges; only then does the centre revoke the old one, so there is no
 * moment without a valid credential on the device.
 */
export const ZCredentialRotate = z.object({ credential: z.string().min(32).max(256) });
export type CredentialRotate = z.infer<typeof ZCredentialRotate>;

/** agent:revoked — the centre revoked this agent's credential and is about to disconnect it. */
export const ZAgentRevoked = z.object({ reason: z.string().min(1).max(500) });
export type AgentRevoked = z.infer<typeof ZAgentRevoked>;

/** POST /api/v1/clusters/:id/agent-credential/revoke */
export const ZRevokeAgentCredentialRequest = z.object({ reason: z.string().trim().min(1, "say why (the agent is told)").max(200) });

/** What the UI shows of a cluster's agent credential (never the secret). */
export interface AgentCredentialView {
  /** The credential in use: when it was issued and last used; null when there is none. */
  current: { createdAt: string; lastUsedAt: string | null; rotateAfter: string } | null;
  /** Set when every credential of the cluster has been revoked: when and why. */
  revoked: { at: string; reason: string } | null;
  /** A rotation waits for the agent to confirm it saved the new credential. */
  rotationPending: boolean;
}
