import { ZBundleSignature, type DesiredBundle } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";

/** The signed bundles behind a cluster's desired bundle ids (Cluster.desiredBundleIds), for the wire. */
export async function desiredBundlesForCluster(db: Db, bundleIds: readonly string[]): Promise<DesiredBundle[]> {
  if (bundleIds.length === 0) return [];
  const rows = await db.bundle.findMany({ where: { id: { in: [...bundleIds] } }, select: { id: true, manifest: true, signature: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return bundleIds.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id, manifest: r.manifest, signature: ZBundleSignature.parse(JSON.parse(r.signature)) }] : [];
  });
}
