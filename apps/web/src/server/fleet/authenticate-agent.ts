import type { AgentHandshake } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { hashSecretToken } from "../auth/secret-token";
import { SUPERSEDED } from "../agent-credentials/revocation-reasons";

export type AgentAuthentication =
  | { ok: true; clusterId: string; clusterName: string; credential: { id: string; createdAt: Date } }
  | { ok: false; message: string };

/**
 * The cluster an agent's handshake proves it speaks for. A revoked credential is refused with
 * when and why, so the device's log says what happened. The credential it used becomes the only
 * live one of its cluster: after an interrupted rotation the agent holds either the old or the
 * new credential, and whichever it presents, the other is of no use to anyone any more.
 */
export async function authenticateAgent(db: Db, hs: AgentHandshake, now = new Date()): Promise<AgentAuthentication> {
  const cred = await db.agentCredential.findUnique({ where: { secretHash: hashSecretToken(hs.credential) }, include: { cluster: true } });
  if (!cred || cred.clusterId !== hs.clusterId) return { ok: false, message: "agent credential is unknown" };
  if (cred.revokedAt) {
    return { ok: false, message: `agent credential was revoked at ${cred.revokedAt.toISOString()}${cred.revokedReason ? `: ${cred.revokedReason}` : ""}` };
  }
  await db.$transaction([
    db.agentCredential.update({ where: { id: cred.id }, data: { lastUsedAt: now } }),
    db.agentCredential.updateMany({ where: { clusterId: cred.clusterId, id: { not: cred.id }, revokedAt: null }, data: { revokedAt: now, revokedReason: SUPERSEDED } }),
  ]);
  return { ok: true, clusterId: cred.clusterId, clusterName: cred.cluster.name, credential: { id: cred.id, createdAt: cred.createdAt } };
}
