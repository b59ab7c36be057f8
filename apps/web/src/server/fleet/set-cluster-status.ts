import { clusterProblemRank, type ClusterStatus, type StatusReason } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";

export interface StatusChange {
  status: ClusterStatus;
  at: Date;
  reason: StatusReason;
  /** Other columns written with it (last contact, RTT, offline since). */
  data?: Prisma.ClusterUpdateInput;
}

/**
 * Writes a cluster's status with its problem rank and, when the status really changes, its
 * transition (the outage history) — in one transaction, so history and status never disagree.
 * Returns false when the cluster no longer exists.
 */
export async function setClusterStatus(db: Db, clusterId: string, change: StatusChange): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.cluster.findUnique({
      where: { id: clusterId },
      select: { status: true, nodesReady: true, nodesTotal: true, workloadsHealthy: true, workloadsTotal: true },
    });
    if (!row) return false;
    const changed = row.status !== change.status;
    await tx.cluster.update({
      where: { id: clusterId },
      data: {
        ...change.data,
        status: change.status,
        problemRank: clusterProblemRank({ ...row, status: change.status }),
        ...(changed ? { statusSince: change.at } : {}),
      },
    });
    if (changed) await tx.clusterStatusEvent.create({ data: { clusterId, at: change.at, from: row.status, to: change.status, reason: change.reason } });
    return true;
  });
}
