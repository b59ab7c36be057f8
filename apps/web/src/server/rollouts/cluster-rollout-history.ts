import type { ClusterRolloutHistoryEntry, TargetPhase } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";

/** What rollouts did to one cluster, newest first. */
export async function clusterRolloutHistory(db: Db, clusterId: string): Promise<ClusterRolloutHistoryEntry[]> {
  const rows = await db.rolloutTarget.findMany({
    where: { clusterId },
    select: {
      rolloutId: true,
      phase: true,
      reason: true,
      specRolloutId: true,
      dispatchedAt: true,
      finishedAt: true,
      rollout: { select: { kind: true, releaseName: true, createdAt: true, chart: { select: { name: true, version: true } } } },
    },
    orderBy: { rollout: { createdAt: "desc" } },
    take: 200,
  });
  const specIds = [...new Set(rows.map((r) => r.specRolloutId).filter((s): s is string => s !== null))];
  const versions = new Map((await db.rollout.findMany({ where: { id: { in: specIds } }, select: { id: true, chart: { select: { version: true } } } })).map((s) => [s.id, s.chart.version]));
  return rows.map((r) => ({
    rolloutId: r.rolloutId,
    kind: r.rollout.kind === "rollback" ? "rollback" : "deploy",
    releaseName: r.rollout.releaseName,
    chartName: r.rollout.chart.name,
    version: r.specRolloutId === null ? "remove" : (versions.get(r.specRolloutId) ?? r.rollout.chart.version),
    phase: r.phase as TargetPhase,
    reason: r.reason,
    dispatchedAt: r.dispatchedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    createdAt: r.rollout.createdAt.toISOString(),
  }));
}
