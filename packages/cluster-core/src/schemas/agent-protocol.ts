import { z } from "zod";
import { ZId } from "./common";
import { ZClusterSnapshot } from "./snapshot";
import { ZAgentFeatures } from "../tunnel/tunnel-identity";
import type { TunnelAgentToCentreEvents, TunnelCentreToAgentEvents } from "../tunnel/tunnel-protocol";
import type { AgentHello, OutboxAck, OutboxBatch } from "./outbox";
import type { DesiredApplied, DesiredState } from "./desired-state";
import type { AgentRevoked, CredentialRotate } from "./agent-credential";
import { ZBundlePublicKey } from "../bundles/bundle-manifest";
import type { BundleAgentToCentreEvents, BundleCentreToAgentEvents } from "../bundles/bundle-transfer-protocol";

// POST /api/v1/agent/register — the agent trades a one-time registration token for a
// long-lived credential, which it keeps in a 0600 file.
export const ZRegisterAgentRequest = z.object({
  registrationToken: z.string().min(16).max(256),
  agentVersion: z.string().min(1).max(64),
  simulated: z.boolean(),
  /**
   * A secret the agent picks once per registration and keeps until its credential is saved. A
   * retry with the same token and attempt id (the first answer was lost to a timeout or a cut
   * link) gets the same cluster with a fresh credential instead of "token already used".
   */
  attemptId: z.string().regex(/^[0-9a-f]{64}$/, "attemptId is 64 hex digits").optional(),
});
export type RegisterAgentRequest = z.infer<typeof ZRegisterAgentRequest>;

export const ZRegisterAgentResponse = z.object({
  clusterId: ZId,
  clusterName: z.string(),
  credential: z.string().min(32),
  /** The centre's bundle signing key; the agent pins it and trusts no other. */
  bundleSigningKey: ZBundlePublicKey.optional(),
});
export type RegisterAgentResponse = z.infer<typeof ZRegisterAgentResponse>;

/** socket.io handshake `auth` of the /agent namespace. */
export const ZAgentHandshake = z.object({
  clusterId: ZId,
  credential: z.string().min(32).max(256),
  agentVersion: z.string().min(1).max(64),
  /** What this agent can do (AGENT_FEATURES); older agents send none. */
  features: ZAgentFeatures.optional(),
});
export type AgentHandshake = z.infer<typeof ZAgentHandshake>;

export const ZHeartbeat = z.object({
  sentAt: z.number().int().positive(),
  /** Round trip of the previous beat, as the agent measured it. */
  lastRttMs: z.number().min(0).max(3_600_000).optional(),
  /** Beats in a row that went unanswered just before this one. */
  missed: z.number().int().min(0).max(1_000_000).optional(),
  /** Outbox records waiting on the device. */
  queued: z.number().int().min(0).optional(),
});
export type Heartbeat = z.infer<typeof ZHeartbeat>;

/** Every agent event is acknowledged with this, so the agent knows whether it landed. */
export const ZAgentAck = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), receivedAt: z.number() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type AgentAck = z.infer<typeof ZAgentAck>;

export const AGENT_NAMESPACE = "/agent";
export const UI_NAMESPACE = "/ui";

export interface AgentToServerEvents extends TunnelAgentToCentreEvents, BundleAgentToCentreEvents {
  "agent:heartbeat": (beat: Heartbeat, ack: (res: AgentAck) => void) => void;
  /** First message of a connection: the answer's ackedSeq says where the outbox resumes. */
  "agent:hello": (hello: AgentHello, ack: (res: OutboxAck) => void) => void;
  /** Durable outbox records, in order; the answer acknowledges everything up to ackedSeq. */
  "agent:outbox": (batch: OutboxBatch, ack: (res: OutboxAck) => void) => void;
  /** The agent reconciled a generation of the desired state (sent when it changes). */
  "desired:applied": (report: DesiredApplied, ack: (res: AgentAck) => void) => void;
}

/**
 * k3s:join-token — the centre asks the agent on a k3s server for the cluster's join token (the
 * server's node-token), to join a new node. It travels only between the agent and the centre's
 * provisioner: never to a browser, never into a log.
 */
export const ZJoinTokenAnswer = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), token: z.string().min(1).max(1024).regex(/^[\x21-\x7e]+$/, "a k3s token is printable ASCII without spaces") }),
  z.object({ ok: z.literal(false), error: z.string().max(1000) }),
]);
export type JoinTokenAnswer = z.infer<typeof ZJoinTokenAnswer>;

/** The centre sends agents the desired state, and kube API requests through the tunnel. */
export interface ServerToAgentEvents extends TunnelCentreToAgentEvents, BundleCentreToAgentEvents {
  "desired:update": (state: DesiredState, ack: (res: AgentAck) => void) => void;
  /** The agent's next credential; acknowledged once it is saved (agent-credential.ts). */
  "credential:rotate": (msg: CredentialRotate, ack: (res: AgentAck) => void) => void;
  /** The credential was revoked: the centre disconnects the agent right after. */
  "agent:revoked": (msg: AgentRevoked, ack: (res: AgentAck) => void) => void;
  "k3s:join-token": (req: Record<string, never>, ack: (res: JoinTokenAnswer) => void) => void;
}

export { ZClusterSnapshot };
