import type { Db } from "../db/open-database";

/** How often each of `clusterIds` went offline since `since`, centre restarts not counted (clusters with none are absent). */
export async function countRecentOutages(db: Db, clusterIds: string[], since: Date): Promise<Map<string, number>> {
  if (clusterIds.length === 0) return new Map();
  const rows = await db.clusterStatusEvent.groupBy({
    by: ["clusterId"],
    where: { clusterId: { in: clusterIds }, to: "offline", at: { gte: since }, reason: { not: "centre-restart" } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.clusterId, r._count._all]));
}
