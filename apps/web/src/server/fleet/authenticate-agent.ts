import type { AgentHandshake } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { hashSecretToken } from "../auth/secret-token";

/** The cluster an agent's handshake proves it speaks for, or null. */
export async function authenticateAgent(db: Db, hs: AgentHandshake): Promise<{ clusterId: string; clusterName: string } | null> {
  const cred = await db.agentCredential.findUnique({ where: { secretHash: hashSecretToken(hs.credential) }, include: { cluster: true } });
  if (!cred || cred.revokedAt || cred.clusterId !== hs.clusterId) return null;
  await db.agentCredential.update({ where: { id: cred.id }, data: { lastUsedAt: new Date() } });
  return { clusterId: cred.clusterId, clusterName: cred.cluster.name };
}
