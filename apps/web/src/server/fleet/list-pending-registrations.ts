import { ZLabels, parseStoredJson, roleOnCluster, type PendingRegistrationView } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Access } from "../access/access";

/**
 * Registration tokens no agent has used yet and that still work, soonest to expire first: the
 * clusters on their way. A caller sees those whose new cluster they would see (its site and
 * labels decide, as for creating the token).
 */
export async function listPendingRegistrations(db: Db, access: Access, now = new Date()): Promise<PendingRegistrationView[]> {
  const rows = await db.registrationToken.findMany({ where: { usedAt: null, expiresAt: { gt: now } }, orderBy: [{ expiresAt: "asc" }, { clusterName: "asc" }] });
  const visible = rows
    .map((r) => ({ ...r, labels: parseStoredJson(ZLabels, r.labels, {}) }))
    .filter((r) => roleOnCluster(access.rules, { siteId: r.siteId, labels: r.labels }) !== null);
  const ids = (list: (string | null)[]) => [...new Set(list.filter((v): v is string => v !== null))];
  const [sites, users] = await Promise.all([
    db.site.findMany({ where: { id: { in: ids(visible.map((r) => r.siteId)) } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids(visible.map((r) => r.createdById)) } }, select: { id: true, username: true } }),
  ]);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const username = new Map(users.map((u) => [u.id, u.username]));
  return visible.map((r) => ({
    id: r.id,
    clusterName: r.clusterName,
    siteId: r.siteId,
    siteName: siteName.get(r.siteId) ?? r.siteId,
    labels: r.labels,
    issuedBy: r.createdById ? (username.get(r.createdById) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}
