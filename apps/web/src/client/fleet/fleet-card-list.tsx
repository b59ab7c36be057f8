import type { FleetListItem, FleetQuery } from "@outpost/cluster-core";
import { ClusterCard } from "./cluster-card";
import { groupBySite } from "./group-by-site";

/** The fleet as cards (narrow screens), status first; grouped under site headings when asked. */
export function FleetCardList({ clusters, query }: { clusters: FleetListItem[]; query: FleetQuery }) {
  if (query.group !== "site") {
    return (
      <ul aria-label="Clusters" className="space-y-2">
        {clusters.map((c) => (
          <ClusterCard key={c.id} cluster={c} />
        ))}
      </ul>
    );
  }
  return (
    <div className="space-y-4">
      {groupBySite(clusters).map((run) => (
        <section key={run.siteId} aria-label={`Site ${run.siteName}`}>
          <h2 className="mb-2 text-sm font-semibold text-slate-900">{run.siteName}</h2>
          <ul className="space-y-2">
            {run.clusters.map((c) => (
              <ClusterCard key={c.id} cluster={c} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
