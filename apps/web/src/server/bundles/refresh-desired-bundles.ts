import { ZLabels, parseStoredJson } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { desiredStateForAgent } from "../desired/get-desired-state";
import { bundleIdsForCluster } from "./bundle-ids-for-cluster";
import { parseBundleIds } from "./parse-bundle-ids";

/**
 * Re-derives which bundles each cluster should hold (all clusters, or the given ones) after an
 * assignment, a bundle or a cluster's labels changed. A cluster whose set changed gets a new
 * desired-state generation, pushed at once to a connected agent and at the next hello otherwise,
 * so an offline device gets its bundles when it returns.
 */
export async function refreshDesiredBundles(ctx: ServerContext, clusterIds?: readonly string[]): Promise<string[]> {
  const [clusters, assignments] = await Promise.all([
    ctx.db.cluster.findMany({ where: clusterIds ? { id: { in: [...clusterIds] } } : {}, select: { id: true, labels: true, desiredBundleIds: true } }),
    ctx.db.bundleAssignment.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { bundleId: true, clusterId: true, selector: true } }),
  ]);
  const changed: string[] = [];
  for (const c of clusters) {
    const ids = bundleIdsForCluster({ id: c.id, labels: parseStoredJson(ZLabels, c.labels, {}) }, assignments);
    if (JSON.stringify(ids) === JSON.stringify(parseBundleIds(c.desiredBundleIds))) continue;
    // Conditional on the set read above: a concurrent refresh that got there first wins, not both.
    const res = await ctx.db.cluster.updateMany({
      where: { id: c.id, desiredBundleIds: c.desiredBundleIds },
      data: { desiredBundleIds: JSON.stringify(ids), desiredGeneration: { increment: 1 } },
    });
    if (res.count === 0) continue;
    changed.push(c.id);
    const conn = ctx.presence.connectionOf(c.id);
    if (conn) {
      const state = await desiredStateForAgent(ctx.db, c.id);
      if (state) conn.sendDesired(state);
    }
  }
  return changed;
}
