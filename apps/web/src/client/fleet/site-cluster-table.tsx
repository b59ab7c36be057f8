import type { SiteGroup } from "./group-clusters-by-site";
import { ClusterRow } from "./cluster-row";
import { isConnected } from "../is-connected";
import { tableClasses } from "../ui/table-classes";

/** A site's heading and the table of its clusters. */
export function SiteClusterTable({ group }: { group: SiteGroup }) {
  const headingId = `site-${group.siteId}`;
  const online = group.clusters.filter((c) => isConnected(c.status)).length;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <div className="flex items-baseline gap-3">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {group.siteName}
        </h2>
        <span className="text-xs text-slate-500">
          {group.clusters.length} {group.clusters.length === 1 ? "cluster" : "clusters"} · {online} online
        </span>
      </div>
      <div className={tableClasses.wrapper}>
        <table className={`${tableClasses.table} table-fixed`} aria-labelledby={headingId}>
          <thead className={tableClasses.head}>
            <tr>
              <th scope="col" className={`${tableClasses.th} w-[22%]`}>
                Cluster
              </th>
              <th scope="col" className={`${tableClasses.th} w-[19%]`}>
                Status
              </th>
              <th scope="col" className={`${tableClasses.th} w-[13%]`}>
                k3s
              </th>
              <th scope="col" className={`${tableClasses.th} w-[11%]`}>
                Nodes ready
              </th>
              <th scope="col" className={`${tableClasses.th} w-[13%]`}>
                Workloads healthy
              </th>
              <th scope="col" className={tableClasses.th}>
                Labels
              </th>
            </tr>
          </thead>
          <tbody className={tableClasses.body}>
            {group.clusters.map((c) => (
              <ClusterRow key={c.id} cluster={c} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
