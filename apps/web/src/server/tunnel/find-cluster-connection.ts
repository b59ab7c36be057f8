import type { ServerContext } from "../context";
import type { AgentConnection } from "../fleet/agent-presence";

export type ClusterConnectionLookup = { ok: true; conn: AgentConnection } | { ok: false; status: 404 | 503; message: string };

/**
 * The connected agent of a cluster. An online cluster is answered from memory; the database is
 * asked only to explain a refusal (no such cluster, or offline since when).
 */
export async function findClusterConnection(ctx: ServerContext, clusterId: string): Promise<ClusterConnectionLookup> {
  const conn = ctx.presence.connectionOf(clusterId);
  if (conn) return { ok: true, conn };
  const cluster = await ctx.db.cluster.findUnique({ where: { id: clusterId }, select: { name: true, offlineSince: true } });
  if (!cluster) return { ok: false, status: 404, message: "Outpost: no such cluster" };
  const since = cluster.offlineSince ? ` since ${cluster.offlineSince.toISOString()}` : "";
  return { ok: false, status: 503, message: `Outpost: cluster ${cluster.name} is offline${since}; its API is reachable only while its agent is connected` };
}
