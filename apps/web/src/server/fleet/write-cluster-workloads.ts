import type { WorkloadInfo } from "@outpost/cluster-core";
import type { DbTransaction } from "../db/open-database";

/** Replaces the cluster's workload rows (fleet-wide search) with those of its newest snapshot. */
export async function writeClusterWorkloads(tx: DbTransaction, clusterId: string, workloads: WorkloadInfo[]): Promise<void> {
  await tx.clusterWorkload.deleteMany({ where: { clusterId } });
  // A key can only appear once; a confused agent must not make the whole batch fail.
  const byKey = new Map(workloads.map((w) => [`${w.namespace}/${w.kind}/${w.name}`, w]));
  const rows = [...byKey.values()].map((w) => ({
    clusterId,
    namespace: w.namespace,
    kind: w.kind,
    name: w.name,
    desired: w.desired,
    ready: w.ready,
    images: (w.images ?? []).join("\n"),
  }));
  if (rows.length > 0) await tx.clusterWorkload.createMany({ data: rows });
}
