import type { FleetListItem, FleetQuery } from "@outpost/cluster-core";
import { SortHeader } from "../ui/sort-header";
import { tableClasses } from "../ui/table-classes";
import { ClusterRow } from "./cluster-row";
import { groupBySite } from "./group-by-site";

interface FleetTableProps {
  clusters: FleetListItem[];
  query: FleetQuery;
  onSort: (sort: FleetQuery["sort"], dir: FleetQuery["dir"]) => void;
}

/** The fleet as one table (wide screens); grouped by site with a heading row per site when asked. */
export function FleetTable({ clusters, query, onSort }: FleetTableProps) {
  const sortProps = { sort: query.sort, dir: query.dir, onSort: (key: string, dir: FleetQuery["dir"]) => onSort(key as FleetQuery["sort"], dir) };
  const runs = query.group === "site" ? groupBySite(clusters) : [{ siteId: "", siteName: "", clusters }];
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Clusters">
        <thead className={tableClasses.head}>
          <tr>
            <SortHeader label="Status" sortKey="problems" {...sortProps} />
            <SortHeader label="Cluster" sortKey="name" {...sortProps} />
            <SortHeader label="Site" sortKey="site" {...sortProps} />
            <SortHeader label="k3s" sortKey="k3s" {...sortProps} />
            <th scope="col" className={tableClasses.th}>
              Nodes ready
            </th>
            <th scope="col" className={tableClasses.th}>
              Workloads healthy
            </th>
            <th scope="col" className={tableClasses.th}>
              Outages
            </th>
            <th scope="col" className={tableClasses.th}>
              Labels
            </th>
          </tr>
        </thead>
        {runs.map((run) => (
          <tbody key={run.siteId || "all"} className={tableClasses.body}>
            {run.siteId && (
              <tr className="bg-slate-100" data-site-heading={run.siteName}>
                <th scope="colgroup" colSpan={8} className="px-4 py-2 text-left text-sm font-semibold text-slate-900">
                  {run.siteName} <span className="font-normal text-slate-600">· {run.clusters.length} on this page</span>
                </th>
              </tr>
            )}
            {run.clusters.map((c) => (
              <ClusterRow key={c.id} cluster={c} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
