import type { RolloutSummary, TargetPhase, TargetStatus } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { countTargetStatuses } from "./count-target-statuses";

export const rolloutSummaryInclude = { chart: { select: { id: true, name: true, version: true } } } as const;

export interface RolloutSummaryRow {
  id: string;
  kind: string;
  rollbackOfId: string | null;
  chart: { id: string; name: string; version: string };
  releaseName: string;
  targetNamespace: string;
  selector: string;
  phase: string;
  currentWave: number;
  waveCount: number;
  hasCanary: boolean;
  haltReason: string | null;
  createdAt: Date;
  createdBy: string;
  finishedAt: Date | null;
}

export function toRolloutSummary(r: RolloutSummaryRow, statuses: TargetStatus[]): RolloutSummary {
  return {
    id: r.id,
    kind: r.kind === "rollback" ? "rollback" : "deploy",
    rollbackOfId: r.rollbackOfId,
    chart: r.chart,
    releaseName: r.releaseName,
    targetNamespace: r.targetNamespace,
    selector: r.selector,
    phase: r.phase as RolloutSummary["phase"],
    currentWave: r.currentWave,
    waveCount: r.waveCount,
    hasCanary: r.hasCanary,
    haltReason: r.haltReason,
    counts: countTargetStatuses(statuses),
    total: statuses.length,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Newest first. Counts come from the targets' phases (the detail view says why clusters wait).
 * `visibleIds` (null: every cluster) keeps the rollouts that reach one of those clusters, counted there only.
 */
export async function listRollouts(db: Db, filter: { chartId?: string; visibleIds?: string[] | null } = {}): Promise<RolloutSummary[]> {
  const seen = filter.visibleIds ? { clusterId: { in: filter.visibleIds } } : {};
  const rows = await db.rollout.findMany({
    where: { ...(filter.chartId ? { chartId: filter.chartId } : {}), ...(filter.visibleIds ? { targets: { some: seen } } : {}) },
    include: rolloutSummaryInclude,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const groups = await db.rolloutTarget.groupBy({ by: ["rolloutId", "phase"], where: { rolloutId: { in: rows.map((r) => r.id) }, ...seen }, _count: { _all: true } });
  return rows.map((r) => {
    const statuses: TargetStatus[] = [];
    for (const g of groups.filter((x) => x.rolloutId === r.id)) {
      const status: TargetStatus = (g.phase as TargetPhase) === "pending" ? "queued" : (g.phase as TargetStatus);
      for (let i = 0; i < g._count._all; i++) statuses.push(status);
    }
    return toRolloutSummary(r, statuses);
  });
}
