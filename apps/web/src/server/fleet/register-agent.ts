import { ZLabels, parseStoredJson, type RegisterAgentRequest, type RegisterAgentResponse } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { hashSecretToken, newSecretToken } from "../auth/secret-token";
import { recordAuditEvent } from "../audit/record-audit-event";
import { writeClusterLabels } from "./write-cluster-labels";
import { reissueLostRegistration } from "./reissue-lost-registration";

/**
 * Trades a registration token for the cluster's long-lived agent credential. The token is
 * consumed with a conditional update inside the transaction, so two agents racing with the
 * same token get one cluster between them, never two. The agent that consumed it may ask again
 * with its attempt id when the answer was lost (reissueLostRegistration).
 */
export async function registerAgent(db: Db, req: RegisterAgentRequest, now = new Date()): Promise<RegisterAgentResponse> {
  const token = await db.registrationToken.findUnique({ where: { tokenHash: hashSecretToken(req.registrationToken) } });
  // One message for unknown, used and expired tokens: a caller learns nothing by probing.
  const refused = new AppError("TOKEN_INVALID", "registration token is unknown, already used or expired; create a new one in Outpost (Clusters → Add cluster)");
  const askedAgain = async () => {
    const spent = await db.registrationToken.findUnique({ where: { tokenHash: hashSecretToken(req.registrationToken) } });
    return spent?.usedAt ? reissueLostRegistration(db, spent, req, now) : null;
  };
  if (token?.usedAt) {
    const again = await askedAgain();
    if (again) return again;
  }
  if (!token || token.usedAt || token.expiresAt <= now) throw refused;

  const credential = newSecretToken("agc");
  const claimHash = req.attemptId ? hashSecretToken(req.attemptId) : null;
  const created = db.$transaction(async (tx) => {
    const consumed = await tx.registrationToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: now, claimHash } });
    if (consumed.count !== 1) throw refused;
    if (await tx.cluster.findUnique({ where: { name: token.clusterName } })) {
      throw new AppError("CONFLICT", `a cluster named ${token.clusterName} already exists`);
    }
    const created = await tx.cluster.create({
      data: { name: token.clusterName, siteId: token.siteId, simulated: req.simulated, status: "pending" },
    });
    await writeClusterLabels(tx, created.id, parseStoredJson(ZLabels, token.labels, {}));
    await tx.agentCredential.create({ data: { clusterId: created.id, secretHash: credential.hash } });
    await tx.registrationToken.update({ where: { id: token.id }, data: { clusterId: created.id } });
    return created;
  });
  // A retry that raced its own first attempt (still running when the agent gave up on it) finds
  // the token spent by that attempt: it is answered as a lost answer, not refused.
  const cluster = await created.catch(async (err: unknown) => {
    const again = err === refused ? await askedAgain() : null;
    if (again) return again;
    throw err;
  });
  if ("credential" in cluster) return cluster;
  await recordAuditEvent(db, { id: null, username: `agent:${cluster.name}` }, {
    action: "cluster.register",
    targetType: "cluster",
    targetId: cluster.id,
    details: { agentVersion: req.agentVersion, simulated: req.simulated },
  });
  return { clusterId: cluster.id, clusterName: cluster.name, credential: credential.token };
}
