import type { Labels } from "@outpost/cluster-core";
import type { DbTransaction } from "../db/open-database";

/**
 * Sets a cluster's labels: the JSON column that summaries read and the ClusterLabel rows that
 * selectors query. Call it inside a transaction so the two never disagree.
 */
export async function writeClusterLabels(tx: DbTransaction, clusterId: string, labels: Labels): Promise<void> {
  await tx.cluster.update({ where: { id: clusterId }, data: { labels: JSON.stringify(labels) } });
  await tx.clusterLabel.deleteMany({ where: { clusterId } });
  const rows = Object.entries(labels).map(([key, value]) => ({ clusterId, key, value }));
  if (rows.length > 0) await tx.clusterLabel.createMany({ data: rows });
}
