import { ZLabels, parseStoredJson, roleAtLeast, roleOnCluster } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import type { Access } from "./access";
import { operatesEveryCluster } from "./operates-every-cluster";

/**
 * For one act that changes a known set of clusters at once (a rollout, its waves, its rollback):
 * the operator role on every one of them, as requireClusterAccess asks it of one cluster, read in
 * one query. Clusters outside the caller's grants are counted, never named.
 */
export async function requireOperatorOnClusters(ctx: Pick<ServerContext, "db">, access: Access, clusterIds: string[]): Promise<void> {
  if (operatesEveryCluster(access)) return;
  const rows = await ctx.db.cluster.findMany({ where: { id: { in: clusterIds } }, select: { name: true, siteId: true, labels: true } });
  const roles = rows.map((c) => ({ name: c.name, role: roleOnCluster(access.rules, { siteId: c.siteId, labels: parseStoredJson(ZLabels, c.labels, {}) }) }));
  const hidden = roles.filter((r) => r.role === null).length;
  const below = roles.filter((r) => r.role !== null && !roleAtLeast(r.role, "operator")).map((r) => r.name);
  if (hidden === 0 && below.length === 0) return;
  const shown = below.length > 5 ? `${below.slice(0, 5).join(", ")} and ${below.length - 5} more` : below.join(", ");
  const parts = [...(below.length > 0 ? [`you are not operator on ${shown}`] : []), ...(hidden > 0 ? [`${hidden} cluster(s) are outside your grants`] : [])];
  throw new AppError("FORBIDDEN", `this needs the operator role on every cluster it changes: ${parts.join("; ")}`);
}
