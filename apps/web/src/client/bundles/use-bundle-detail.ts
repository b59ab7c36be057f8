import { useQuery } from "@tanstack/react-query";
import type { BundleDetail } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** One bundle; live progress from agents is written into it (applyBundleProgress). */
export function useBundleDetail(id: string, initialData: BundleDetail) {
  return useQuery({
    queryKey: queryKeys.bundles.detail(id),
    queryFn: ({ signal }) => apiFetch<BundleDetail>(`/api/v1/bundles/${encodeURIComponent(id)}`, { signal }),
    initialData,
  });
}
