import type { FleetListItem } from "@outpost/cluster-core";

export interface SiteRun {
  siteId: string;
  siteName: string;
  clusters: FleetListItem[];
}

/** Consecutive clusters of one site, in the server's order (it sorts by site first when grouping). */
export function groupBySite(clusters: FleetListItem[]): SiteRun[] {
  const runs: SiteRun[] = [];
  for (const c of clusters) {
    const last = runs[runs.length - 1];
    if (last && last.siteId === c.siteId) last.clusters.push(c);
    else runs.push({ siteId: c.siteId, siteName: c.siteName, clusters: [c] });
  }
  return runs;
}
