import { accessBindings } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { setDesiredSourceForClusters } from "../desired/set-desired-source";

/**
 * Puts Outpost's ClusterRoleBindings (access-bindings.ts) into the desired state of every
 * cluster that lacks them or holds an older version: at start-up for all clusters, and for each
 * new cluster when it registers. Clusters already up to date cost nothing. Returns how many
 * clusters got a new generation.
 */
export async function syncAccessBindings(ctx: ServerContext, clusterIds?: string[]): Promise<number> {
  const manifests = accessBindings();
  const text = JSON.stringify(manifests);
  const stale = await ctx.db.cluster.findMany({
    where: { ...(clusterIds ? { id: { in: clusterIds } } : {}), NOT: { desiredSources: { some: { source: "access", manifests: text } } } },
    select: { id: true },
  });
  if (stale.length === 0) return 0;
  await setDesiredSourceForClusters(ctx, "access", new Map(stale.map((c) => [c.id, manifests])));
  return stale.length;
}
