import type { RegistrationToken } from "../../../generated/prisma-sqlite";
import type { RegisterAgentRequest, RegisterAgentResponse } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { hashSecretToken, newSecretToken } from "../auth/secret-token";
import { recordAuditEvent } from "../audit/record-audit-event";
import { REISSUED } from "../agent-credentials/revocation-reasons";

/** How long after its registration an agent may still ask for the answer it lost. */
export const LOST_REGISTRATION_GRACE_MS = 15 * 60_000;

/**
 * The answer to a registration can be lost after the centre committed it (the agent's request
 * timed out on a slow centre, the link was cut): the token is spent and the device would be
 * stranded with a pending cluster. An agent that repeats the request with the same token AND
 * the same secret attempt id it sent the first time is the agent that spent the token, so it gets
 * its cluster back with a fresh credential; any credential issued before is revoked. Null when
 * this is not such a retry (the caller then refuses the token as used).
 */
export async function reissueLostRegistration(db: Db, token: RegistrationToken, req: RegisterAgentRequest, now: Date): Promise<RegisterAgentResponse | null> {
  if (!req.attemptId || !token.claimHash || !token.clusterId || !token.usedAt) return null;
  if (hashSecretToken(req.attemptId) !== token.claimHash) return null;
  if (now.getTime() - token.usedAt.getTime() > LOST_REGISTRATION_GRACE_MS) return null;
  const cluster = await db.cluster.findUnique({ where: { id: token.clusterId } });
  if (!cluster) return null;

  const credential = newSecretToken("agc");
  await db.$transaction([
    db.agentCredential.updateMany({ where: { clusterId: cluster.id, revokedAt: null }, data: { revokedAt: now, revokedReason: REISSUED } }),
    db.agentCredential.create({ data: { clusterId: cluster.id, secretHash: credential.hash } }),
  ]);
  await recordAuditEvent(db, { id: null, username: `agent:${cluster.name}` }, {
    action: "cluster.register",
    targetType: "cluster",
    targetId: cluster.id,
    details: { agentVersion: req.agentVersion, simulated: req.simulated, reissued: true },
  });
  return { clusterId: cluster.id, clusterName: cluster.name, credential: credential.token };
}
