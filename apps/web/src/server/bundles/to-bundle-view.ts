import type { BundleView } from "@outpost/cluster-core";

export interface BundleRow {
  id: string;
  name: string;
  version: string;
  k3sVersion: string;
  arch: string;
  blobCount: number;
  totalBytes: bigint;
  keyId: string;
  createdAt: Date;
  createdByName: string;
}

/** A bundle row (and its cluster counts) as the API shows it. */
export function toBundleView(row: BundleRow, counts: { targeted: number; installed: number }): BundleView {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    k3sVersion: row.k3sVersion,
    arch: row.arch,
    blobCount: row.blobCount,
    totalBytes: Number(row.totalBytes),
    keyId: row.keyId,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByName,
    targetedClusters: counts.targeted,
    installedClusters: counts.installed,
  };
}
