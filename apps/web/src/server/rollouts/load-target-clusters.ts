import { type HelmChartReport, parseStoredJson, type TargetCluster, type WorkloadInfo, ZHelmChartReport, ZMaintenanceWindows, ZWorkloadInfo } from "@outpost/cluster-core";
import { z } from "zod";
import type { Db } from "../db/open-database";

export interface LoadedCluster extends TargetCluster {
  id: string;
  siteName: string;
}

const ZHealthSnapshot = z.object({ workloads: z.array(ZWorkloadInfo).default([]), helmCharts: z.array(ZHelmChartReport).optional() });

/** Each cluster's presence, pause and site windows, as the planner sees them. */
export async function loadTargetClusters(db: Db, ids: readonly string[]): Promise<Map<string, LoadedCluster>> {
  const out = new Map<string, LoadedCluster>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db.cluster.findMany({
      where: { id: { in: ids.slice(i, i + 5000) } },
      select: { id: true, name: true, status: true, rolloutPausedBy: true, rolloutPausedReason: true, site: { select: { name: true, timeZone: true, maintenanceWindows: true } } },
    });
    for (const r of rows) {
      out.set(r.id, {
        id: r.id,
        name: r.name,
        siteName: r.site.name,
        online: r.status === "online" || r.status === "degraded",
        paused: r.rolloutPausedBy !== null ? { by: r.rolloutPausedBy, reason: r.rolloutPausedReason ?? "" } : null,
        timeZone: r.site.timeZone,
        windows: parseStoredJson(ZMaintenanceWindows, r.site.maintenanceWindows, []),
      });
    }
  }
  return out;
}

/** What the agents last reported about HelmCharts and workloads (undefined charts: the agent does not report them). */
export async function loadHealthReports(db: Db, ids: readonly string[]): Promise<Map<string, { charts: HelmChartReport[] | undefined; workloads: WorkloadInfo[] }>> {
  const out = new Map<string, { charts: HelmChartReport[] | undefined; workloads: WorkloadInfo[] }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.cluster.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select: { id: true, snapshot: true } });
    for (const r of rows) {
      const s = parseStoredJson(ZHealthSnapshot, r.snapshot ?? "null", { workloads: [], helmCharts: undefined });
      out.set(r.id, { charts: s.helmCharts, workloads: s.workloads });
    }
  }
  return out;
}
