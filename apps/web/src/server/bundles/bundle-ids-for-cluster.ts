import { matchesLabelSelector, parseLabelSelector } from "@outpost/cluster-core";

export interface AssignmentRow {
  bundleId: string;
  clusterId: string | null;
  selector: string | null;
}

/**
 * Which bundles the assignments give a cluster with these labels: in assignment order (oldest
 * first; a later bundle's file wins where two write the same path), each once.
 */
export function bundleIdsForCluster(cluster: { id: string; labels: Record<string, string> }, assignments: readonly AssignmentRow[]): string[] {
  const ids: string[] = [];
  for (const a of assignments) {
    if (ids.includes(a.bundleId)) continue;
    if (a.clusterId === cluster.id || (a.selector !== null && selects(a.selector, cluster.labels))) ids.push(a.bundleId);
  }
  return ids;
}

function selects(selector: string, labels: Record<string, string>): boolean {
  try {
    return matchesLabelSelector(labels, parseLabelSelector(selector));
  } catch {
    return false; // refused when assigned; a selector the parser no longer reads selects nothing
  }
}
