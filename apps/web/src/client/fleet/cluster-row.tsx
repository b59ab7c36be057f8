import Link from "next/link";
import type { ClusterSummary } from "@outpost/cluster-core";
import { ClusterStatusBadge } from "../clusters/cluster-status-badge";
import { ReadyCount } from "../clusters/ready-count";
import { SimulatedBadge } from "../clusters/simulated-badge";
import { isConnected } from "../is-connected";
import { LabelChips } from "../ui/label-chips";
import { tableClasses } from "../ui/table-classes";

/** One cluster in the fleet table. Anything not online is greyed, counts marked "last known". */
export function ClusterRow({ cluster }: { cluster: ClusterSummary }) {
  const online = isConnected(cluster.status);
  const pending = cluster.status === "pending";
  return (
    <tr data-status={cluster.status} className={online ? "hover:bg-slate-50" : "bg-slate-50/70"}>
      <td className={tableClasses.td}>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/clusters/${cluster.id}`} className={`font-medium hover:underline ${online ? "text-indigo-700" : "text-slate-600"}`}>
            {cluster.name}
          </Link>
          {cluster.simulated && <SimulatedBadge />}
        </div>
      </td>
      <td className={tableClasses.td}>
        <ClusterStatusBadge cluster={cluster} />
      </td>
      <td className={`${tableClasses.td} font-mono text-xs ${online ? "" : "text-slate-400"}`}>{cluster.k3sVersion || "—"}</td>
      <td className={tableClasses.td}>
        {pending ? <span className="text-slate-400">—</span> : <ReadyCount ready={cluster.nodesReady} total={cluster.nodesTotal} noun="nodes ready" stale={!online} />}
      </td>
      <td className={tableClasses.td}>
        {pending ? (
          <span className="text-slate-400">—</span>
        ) : (
          <ReadyCount ready={cluster.workloadsHealthy} total={cluster.workloadsTotal} noun="workloads healthy" stale={!online} />
        )}
      </td>
      <td className={tableClasses.td}>
        <LabelChips labels={cluster.labels} muted={!online} />
      </td>
    </tr>
  );
}
