import type { CreateRegistrationTokenRequest, CurrentUser, RegistrationTokenCreated } from "@outpost/cluster-core";
import { ZCreateRegistrationTokenRequest } from "@outpost/cluster-core";
import type { z } from "zod";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { newSecretToken } from "../auth/secret-token";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * "Add a cluster": a single-use, expiring token that lets one agent register the named cluster
 * at a site. The token is returned once, with the command to run on the device.
 */
export async function createRegistrationToken(
  db: Db,
  actor: CurrentUser,
  input: z.output<typeof ZCreateRegistrationTokenRequest> | CreateRegistrationTokenRequest,
  serverUrl: string,
): Promise<RegistrationTokenCreated> {
  const req = ZCreateRegistrationTokenRequest.parse(input);
  const site = await db.site.findUnique({ where: { id: req.siteId } });
  if (!site) throw new AppError("NOT_FOUND", `no site with id ${req.siteId}`);
  if (await db.cluster.findUnique({ where: { name: req.clusterName } })) {
    throw new AppError("CONFLICT", `a cluster named ${req.clusterName} already exists`);
  }
  const { token, hash } = newSecretToken("reg");
  const expiresAt = new Date(Date.now() + req.ttlMinutes * 60_000);
  const row = await db.registrationToken.create({
    data: { tokenHash: hash, siteId: site.id, clusterName: req.clusterName, labels: JSON.stringify(req.labels), expiresAt, createdById: actor.id },
  });
  await recordAuditEvent(db, actor, {
    action: "registration-token.create",
    targetType: "registration-token",
    targetId: row.id,
    details: { site: site.name, clusterName: req.clusterName, expiresAt: expiresAt.toISOString() },
  });
  const command = `outpost-agent --server ${serverUrl} --registration-token ${token} --kubeconfig /etc/rancher/k3s/k3s.yaml`;
  return { token, expiresAt: expiresAt.toISOString(), command };
}
