import Link from "next/link";
import type { FleetListItem } from "@outpost/cluster-core";
import { ClusterStatusBadge } from "../clusters/cluster-status-badge";
import { ReadyCount } from "../clusters/ready-count";
import { SimulatedBadge } from "../clusters/simulated-badge";
import { isConnected } from "../is-connected";
import { LabelChips } from "../ui/label-chips";
import { tableClasses } from "../ui/table-classes";
import { OutageCount } from "./outage-count";

/** One cluster in the fleet table, status first. Anything not online is greyed, counts marked "last known". */
export function ClusterRow({ cluster }: { cluster: FleetListItem }) {
  const online = isConnected(cluster.status);
  const pending = cluster.status === "pending";
  return (
    <tr data-status={cluster.status} data-cluster={cluster.name} className={online ? "hover:bg-slate-50" : "bg-slate-50/70"}>
      <td className={tableClasses.td}>
        <ClusterStatusBadge cluster={cluster} />
      </td>
      <td className={tableClasses.td}>
        <div className="flex flex-col items-start gap-1 whitespace-nowrap">
          <Link href={`/clusters/${cluster.id}`} className={`font-medium hover:underline ${online ? "text-indigo-700" : "text-slate-700"}`}>
            {cluster.name}
          </Link>
          {cluster.simulated && <SimulatedBadge />}
        </div>
      </td>
      <td className={`${tableClasses.td} whitespace-nowrap`}>
        <Link href={`/?site=${encodeURIComponent(cluster.siteName)}`} className="text-slate-700 hover:underline" title={`Only clusters at ${cluster.siteName}`}>
          {cluster.siteName}
        </Link>
      </td>
      <td className={`${tableClasses.td} font-mono text-xs ${online ? "" : "text-slate-500"}`}>{cluster.k3sVersion || "—"}</td>
      <td className={tableClasses.td}>
        {pending ? <span className="text-slate-500">—</span> : <ReadyCount ready={cluster.nodesReady} total={cluster.nodesTotal} noun="nodes ready" stale={!online} />}
      </td>
      <td className={tableClasses.td}>
        {pending ? <span className="text-slate-500">—</span> : <ReadyCount ready={cluster.workloadsHealthy} total={cluster.workloadsTotal} noun="workloads healthy" stale={!online} />}
      </td>
      <td className={`${tableClasses.td} text-xs`}>
        <OutageCount count={cluster.outages24h} />
      </td>
      <td className={`${tableClasses.td} min-w-40`}>
        <LabelChips labels={cluster.labels} muted={!online} />
      </td>
    </tr>
  );
}
