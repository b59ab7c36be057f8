import { ZLabels, parseStoredJson, type ClusterScopeFacts } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { DEVICE_SCOPE_SELECT, deviceScopeFacts } from "./device-scope-facts";

/**
 * What grants look at for a job: its cluster, or its device (deviceScopeFacts). Null when its
 * target is gone or of a kind no site owns: then only grants on every cluster reach it.
 */
export async function jobScopeFacts(ctx: Pick<ServerContext, "db">, job: { targetType: string; targetId: string | null }): Promise<ClusterScopeFacts | null> {
  if (!job.targetId) return null;
  if (job.targetType === "cluster") {
    const row = await ctx.db.cluster.findUnique({ where: { id: job.targetId }, select: { siteId: true, labels: true } });
    return row ? { siteId: row.siteId, labels: parseStoredJson(ZLabels, row.labels, {}) } : null;
  }
  if (job.targetType === "device") {
    const row = await ctx.db.device.findUnique({ where: { id: job.targetId }, select: DEVICE_SCOPE_SELECT });
    return row ? deviceScopeFacts(row) : null;
  }
  return null;
}
