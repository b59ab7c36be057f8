import type { ClusterSummary } from "@outpost/cluster-core";

export interface SiteGroup {
  siteId: string;
  siteName: string;
  clusters: ClusterSummary[];
}

/** Groups clusters by site, keeping the server's order (site, then cluster name). */
export function groupClustersBySite(clusters: ClusterSummary[]): SiteGroup[] {
  const groups = new Map<string, SiteGroup>();
  for (const c of clusters) {
    let g = groups.get(c.siteId);
    if (!g) {
      g = { siteId: c.siteId, siteName: c.siteName, clusters: [] };
      groups.set(c.siteId, g);
    }
    g.clusters.push(c);
  }
  return [...groups.values()];
}
