import { ZBundleHoldingState, ZBundleSignature, parseBundleManifest, type BundleClusterView, type BundleDetail } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { parseBundleIds } from "./parse-bundle-ids";
import { toBundleView } from "./to-bundle-view";

/**
 * A bundle with its blobs, assignments and where it stands on every cluster that should or does
 * hold it. `visibleIds` (null: every cluster) leaves out clusters the caller may not see.
 */
export async function getBundleDetail(db: Db, id: string, visibleIds: string[] | null = null): Promise<BundleDetail> {
  const row = await db.bundle.findUnique({
    where: { id },
    include: {
      assignments: { orderBy: { createdAt: "asc" }, include: { cluster: { select: { name: true } } } },
      holdings: { include: { cluster: { select: { name: true } } } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", `no bundle with id ${id}`);
  const targeted = (await db.cluster.findMany({ select: { id: true, name: true, desiredBundleIds: true }, orderBy: { name: "asc" } })).filter((c) =>
    parseBundleIds(c.desiredBundleIds).includes(id),
  );
  const held = new Map(row.holdings.map((h) => [h.clusterId, h]));
  const clusters: BundleClusterView[] = targeted.map((c) => {
    const h = held.get(c.id);
    held.delete(c.id);
    return h ? holdingView(h, c.name) : { clusterId: c.id, clusterName: c.name, state: "pending", bytesDone: 0, bytesTotal: Number(row.totalBytes), bytesFetched: 0, message: "", origin: null, updatedAt: null };
  });
  // Clusters that still hold it although no assignment wants it there any more.
  for (const h of held.values()) clusters.push(holdingView(h, h.cluster.name));

  const visible = visibleIds ? new Set(visibleIds) : null;
  const seen = (clusterId: string | null) => clusterId === null || visible === null || visible.has(clusterId);
  const manifest = parseBundleManifest(row.manifest);
  return {
    ...toBundleView(row, {
      targeted: targeted.filter((c) => seen(c.id)).length,
      installed: row.holdings.filter((h) => h.state === "installed" && seen(h.clusterId)).length,
    }),
    blobs: manifest.blobs.map(({ sha256, size, role, target }) => ({ sha256, size, role, target })),
    assignments: row.assignments.filter((a) => seen(a.clusterId)).map((a) => ({
      id: a.id,
      clusterId: a.clusterId,
      clusterName: a.cluster?.name ?? null,
      selector: a.selector,
      origin: a.origin,
      createdAt: a.createdAt.toISOString(),
    })),
    clusters: clusters.filter((c) => seen(c.clusterId)),
    manifest: row.manifest,
    signature: ZBundleSignature.parse(JSON.parse(row.signature)),
  };
}

interface HoldingRow {
  clusterId: string;
  state: string;
  bytesDone: bigint;
  bytesTotal: bigint;
  bytesFetched: bigint;
  message: string;
  origin: string;
  updatedAt: Date;
}

function holdingView(h: HoldingRow, clusterName: string): BundleClusterView {
  return {
    clusterId: h.clusterId,
    clusterName,
    state: ZBundleHoldingState.catch("failed").parse(h.state),
    bytesDone: Number(h.bytesDone),
    bytesTotal: Number(h.bytesTotal),
    bytesFetched: Number(h.bytesFetched),
    message: h.message,
    origin: h.origin,
    updatedAt: h.updatedAt.toISOString(),
  };
}
