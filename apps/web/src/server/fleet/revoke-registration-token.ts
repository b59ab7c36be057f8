import { ZLabels, parseStoredJson, roleAtLeast, roleOnCluster, type CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import type { Access } from "../access/access";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * Revokes a registration token no agent has used yet: the pending cluster goes away and the
 * token registers nothing from now on. Needs the operator role where the cluster would have
 * lived, as creating it did; a token the caller could not see answers like one that never existed.
 */
export async function revokeRegistrationToken(ctx: Pick<ServerContext, "db" | "live">, actor: CurrentUser, access: Access, id: string): Promise<void> {
  const notFound = new AppError("NOT_FOUND", `no pending registration with id ${id}; it may have been used, revoked or removed with its site`);
  const token = await ctx.db.registrationToken.findUnique({ where: { id } });
  if (!token || token.usedAt) throw notFound;
  const labels = parseStoredJson(ZLabels, token.labels, {});
  const role = roleOnCluster(access.rules, { siteId: token.siteId, labels });
  if (role === null) throw notFound;
  if (!roleAtLeast(role, "operator")) throw new AppError("FORBIDDEN", `this needs the operator role where ${token.clusterName} would live; you are ${role} there`);
  // Only while still unused: an agent registering at this moment wins, and the revocation says so.
  const removed = await ctx.db.registrationToken.deleteMany({ where: { id, usedAt: null } });
  if (removed.count !== 1) throw new AppError("CONFLICT", `${token.clusterName} registered before the revocation; delete the cluster instead`);
  const site = await ctx.db.site.findUnique({ where: { id: token.siteId }, select: { name: true } });
  await recordAuditEvent(ctx.db, actor, {
    action: "registration-token.revoke",
    targetType: "registration-token",
    targetId: id,
    details: { clusterName: token.clusterName, site: site?.name ?? token.siteId, expiresAt: token.expiresAt.toISOString(), issuedAt: token.createdAt.toISOString() },
  });
  ctx.live.fleetChanged();
}
