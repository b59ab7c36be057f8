import type { CreateRegistrationTokenRequest, CurrentUser, RegistrationTokenCreated } from "@outpost/cluster-core";
import { ZCreateRegistrationTokenRequest, roleAtLeast, roleOnCluster } from "@outpost/cluster-core";
import type { z } from "zod";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { newSecretToken } from "../auth/secret-token";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Access } from "../access/access";

/**
 * "Add a cluster": a single-use, expiring token that lets one agent register the named cluster
 * at a site. The token is returned once, with the command to run on the device.
 */
export async function createRegistrationToken(
  db: Db,
  actor: CurrentUser,
  access: Access,
  input: z.output<typeof ZCreateRegistrationTokenRequest> | CreateRegistrationTokenRequest,
  serverUrl: string,
): Promise<RegistrationTokenCreated> {
  const req = ZCreateRegistrationTokenRequest.parse(input);
  const site = await db.site.findUnique({ where: { id: req.siteId } });
  if (!site) throw new AppError("NOT_FOUND", `no site with id ${req.siteId}`);
  // The new cluster must land where the caller operates: its site and labels decide that.
  if (!roleAtLeast(roleOnCluster(access.rules, { siteId: site.id, labels: req.labels }), "operator")) {
    throw new AppError("FORBIDDEN", `you do not operate clusters at site ${site.name} with these labels; ask an admin for a grant`);
  }
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
  // The token goes in the environment, not on the command line where `ps` shows it to every
  // user of the device; an http:// centre needs the agent's explicit consent.
  const insecure = serverUrl.startsWith("http:") ? " --insecure-plain-http" : "";
  const command = `OUTPOST_REGISTRATION_TOKEN=${token} outpost-agent --server ${serverUrl}${insecure} --kubeconfig /etc/rancher/k3s/k3s.yaml`;
  return { id: row.id, token, expiresAt: expiresAt.toISOString(), command };
}
