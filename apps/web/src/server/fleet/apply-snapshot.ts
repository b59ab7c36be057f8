import { clusterProblemRank, summarizeSnapshot, type ClusterSnapshot } from "@outpost/cluster-core";
import type { DbTransaction } from "../db/open-database";
import { writeClusterWorkloads } from "./write-cluster-workloads";

/**
 * Stores an agent's snapshot: the counts, versions and problem rank on the cluster row, nodes
 * and workloads as rows (so they can be queried fleet-wide), workloads and events as the
 * snapshot document. Nodes and workloads that vanished are removed.
 */
export async function applySnapshot(tx: DbTransaction, clusterId: string, snapshot: ClusterSnapshot, now: Date): Promise<void> {
  const summary = summarizeSnapshot(snapshot);
  const names = snapshot.nodes.map((n) => n.name);
  const current = await tx.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { status: true } });
  await tx.cluster.update({
    where: { id: clusterId },
    data: {
      ...summary,
      problemRank: clusterProblemRank({ ...summary, status: current.status }),
      k3sVersion: snapshot.k3sVersion,
      snapshot: JSON.stringify({ workloads: snapshot.workloads, events: snapshot.events, helmCharts: snapshot.helmCharts }),
      snapshotAt: now,
      lastSeenAt: now,
    },
  });
  await tx.node.deleteMany({ where: { clusterId, name: { notIn: names } } });
  for (const n of snapshot.nodes) {
    const data = { ready: n.ready, roles: JSON.stringify(n.roles), kubeletVersion: n.kubeletVersion, cpu: n.cpu, memory: n.memory };
    await tx.node.upsert({ where: { clusterId_name: { clusterId, name: n.name } }, create: { clusterId, name: n.name, ...data }, update: data });
  }
  await writeClusterWorkloads(tx, clusterId, snapshot.workloads);
}
