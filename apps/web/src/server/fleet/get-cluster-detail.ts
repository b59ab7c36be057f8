import { ZClusterEvent, ZWorkloadInfo, parseStoredJson, type ClusterDetail } from "@outpost/cluster-core";
import { z } from "zod";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { clusterWithSite, toClusterSummary } from "./to-cluster-summary";
import { toChangeView } from "./to-change-view";

const ZStoredSnapshot = z.object({ workloads: z.array(ZWorkloadInfo), events: z.array(ZClusterEvent) });
const ZRoles = z.array(z.string());
const CHANGES_SHOWN = 50;

export async function getClusterDetail(db: Db, id: string): Promise<ClusterDetail> {
  const row = await db.cluster.findUnique({
    where: { id },
    include: { ...clusterWithSite, nodes: { orderBy: { name: "asc" } }, changes: { orderBy: { seq: "desc" }, take: CHANGES_SHOWN }, _count: { select: { changes: true } } },
  });
  if (!row) throw new AppError("NOT_FOUND", `no cluster with id ${id}`);
  const stored = parseStoredJson(ZStoredSnapshot, row.snapshot, { workloads: [], events: [] });
  return {
    ...toClusterSummary(row),
    nodes: row.nodes.map((n) => ({
      name: n.name,
      ready: n.ready,
      roles: parseStoredJson(ZRoles, n.roles, []),
      kubeletVersion: n.kubeletVersion,
      cpu: n.cpu,
      memory: n.memory,
    })),
    workloads: stored.workloads,
    changes: row.changes.map(toChangeView),
    changesTotal: row._count.changes,
    events: stored.events,
    snapshotAt: row.snapshotAt?.toISOString() ?? null,
  };
}
