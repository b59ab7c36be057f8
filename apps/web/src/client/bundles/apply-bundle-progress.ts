import type { QueryClient } from "@tanstack/react-query";
import type { BundleDetail, BundleProgressEvent } from "@outpost/cluster-core";
import { queryKeys } from "../query-keys";

/**
 * Writes an agent's live progress into the open bundle's detail (no refetch per report). A
 * cluster the detail does not list yet makes it refetch.
 */
export function applyBundleProgress(queryClient: QueryClient, progress: BundleProgressEvent): void {
  if (typeof progress !== "object" || progress === null || typeof progress.bundleId !== "string") return;
  const key = queryKeys.bundles.detail(progress.bundleId);
  const detail = queryClient.getQueryData<BundleDetail>(key);
  if (!detail) return;
  const { bundleId: _bundleId, ...view } = progress;
  if (!detail.clusters.some((c) => c.clusterId === view.clusterId)) {
    void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  queryClient.setQueryData<BundleDetail>(key, { ...detail, clusters: detail.clusters.map((c) => (c.clusterId === view.clusterId ? view : c)) });
}
