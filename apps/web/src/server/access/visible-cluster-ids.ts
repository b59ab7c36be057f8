import type { ServerContext } from "../context";
import type { Access } from "./access";
import { visibleClustersWhere } from "./visible-clusters-where";

/**
 * The ids of the clusters the caller may see, or null when they see every cluster: for rows
 * that name a cluster without a relation to it (notifications), which a cluster `where` cannot reach.
 */
export async function visibleClusterIds(ctx: Pick<ServerContext, "db">, access: Access): Promise<string[] | null> {
  const where = await visibleClustersWhere(ctx, access);
  if (Object.keys(where).length === 0) return null;
  return (await ctx.db.cluster.findMany({ where, select: { id: true } })).map((c) => c.id);
}
