import { matchesLabelSelector, parseLabelSelector, type ClusterSummary } from "@outpost/cluster-core";
import type { ClusterListFilter } from "./query-keys";

/**
 * Whether the server would list `cluster` under `filter`; mirrors listClusters so that a live
 * update can be placed into (or taken out of) a cached list without a refetch.
 */
export function clusterMatchesFilter(cluster: ClusterSummary, filter: ClusterListFilter): boolean {
  let requirements;
  try {
    requirements = parseLabelSelector(filter.selector);
  } catch {
    return false;
  }
  const search = filter.search.trim().toLowerCase();
  if (search && !cluster.name.includes(search) && !cluster.siteName.includes(search)) return false;
  return matchesLabelSelector(cluster.labels, requirements);
}
