import type { BundleView } from "@outpost/cluster-core";
import type { Prisma } from "../../../generated/prisma-sqlite";
import type { Db } from "../db/open-database";
import { toBundleView } from "./to-bundle-view";
import { parseBundleIds } from "./parse-bundle-ids";

/**
 * Every bundle, newest first, with how many clusters should hold it and how many do, counting
 * only the clusters `visible` (visibleClustersWhere of the caller) keeps.
 */
export async function listBundles(db: Db, visible: Prisma.ClusterWhereInput = {}): Promise<BundleView[]> {
  const [rows, clusters, installed] = await Promise.all([
    db.bundle.findMany({ orderBy: { createdAt: "desc" }, omit: { manifest: true, signature: true } }),
    db.cluster.findMany({ where: visible, select: { desiredBundleIds: true } }),
    db.clusterBundle.groupBy({ by: ["bundleId"], where: { state: "installed", cluster: visible }, _count: { _all: true } }),
  ]);
  const targeted = new Map<string, number>();
  for (const c of clusters) for (const id of parseBundleIds(c.desiredBundleIds)) targeted.set(id, (targeted.get(id) ?? 0) + 1);
  const installedBy = new Map(installed.map((g) => [g.bundleId, g._count._all]));
  return rows.map((r) => toBundleView(r, { targeted: targeted.get(r.id) ?? 0, installed: installedBy.get(r.id) ?? 0 }));
}
