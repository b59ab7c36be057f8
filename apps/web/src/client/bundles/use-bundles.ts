import { useQuery } from "@tanstack/react-query";
import type { BundleView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Every bundle at the centre, newest first. */
export function useBundles() {
  return useQuery({
    queryKey: queryKeys.bundles.list(),
    queryFn: ({ signal }) => apiFetch<BundleView[]>("/api/v1/bundles", { signal }),
  });
}
