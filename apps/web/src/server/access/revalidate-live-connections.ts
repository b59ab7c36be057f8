import { ZLabels, parseStoredJson, roleAtLeast, roleOnCluster } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import type { Access } from "./access";
import type { LiveConnection } from "./live-connections";
import { ACCESS_INCLUDE, toAccess } from "./to-access";

/**
 * Checks open connections against the database as it is now: a connection whose session or
 * token is gone or expired, whose user is disabled or deleted, or whose caller no longer holds
 * (at least the same) role on the cluster it reaches, is closed. The others are told their
 * caller's current grants. A handful of queries for all of them, whatever their number.
 */
export async function revalidateLiveConnections(ctx: Pick<ServerContext, "db">, conns: LiveConnection[], now = new Date()): Promise<number> {
  if (conns.length === 0) return 0;
  const hashesOf = (prefix: string) => [...new Set(conns.filter((c) => c.credentialKey.startsWith(prefix)).map((c) => c.credentialKey.slice(2)))];
  const clusterIds = [...new Set(conns.flatMap((c) => (c.cluster ? [c.cluster.id] : [])))];
  const userInclude = { user: { include: ACCESS_INCLUDE } } as const;
  const [sessions, tokens, clusters] = await Promise.all([
    ctx.db.session.findMany({ where: { tokenHash: { in: hashesOf("s:") }, expiresAt: { gt: now } }, include: userInclude }),
    ctx.db.apiToken.findMany({ where: { tokenHash: { in: hashesOf("t:") }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }, include: userInclude }),
    ctx.db.cluster.findMany({ where: { id: { in: clusterIds } }, select: { id: true, siteId: true, labels: true } }),
  ]);
  const accessByKey = new Map<string, Access>();
  for (const s of sessions) if (!s.user.disabled) accessByKey.set(`s:${s.tokenHash}`, toAccess(s.user));
  for (const t of tokens) if (!t.user.disabled) accessByKey.set(`t:${t.tokenHash}`, toAccess(t.user));
  const clusterById = new Map(clusters.map((c) => [c.id, { siteId: c.siteId, labels: parseStoredJson(ZLabels, c.labels, {}) }]));

  let closed = 0;
  for (const conn of conns) {
    const access = accessByKey.get(conn.credentialKey);
    if (!access) {
      conn.close("your session or token was revoked, or your account was disabled");
      closed++;
      continue;
    }
    if (conn.cluster) {
      const facts = clusterById.get(conn.cluster.id);
      const role = facts ? roleOnCluster(access.rules, facts) : null;
      if (!roleAtLeast(role, conn.cluster.role)) {
        conn.close(role ? `your role on this cluster changed to ${role}` : "you no longer have access to this cluster");
        closed++;
        continue;
      }
    }
    conn.accessUpdated?.(access);
  }
  return closed;
}
