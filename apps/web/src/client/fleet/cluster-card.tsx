import Link from "next/link";
import type { FleetListItem } from "@outpost/cluster-core";
import { ClusterStatusBadge } from "../clusters/cluster-status-badge";
import { ReadyCount } from "../clusters/ready-count";
import { SimulatedBadge } from "../clusters/simulated-badge";
import { isConnected } from "../is-connected";
import { OutageCount } from "./outage-count";

/** One cluster as a card for narrow screens: status first, then name, site and counts. */
export function ClusterCard({ cluster }: { cluster: FleetListItem }) {
  const online = isConnected(cluster.status);
  const pending = cluster.status === "pending";
  return (
    <li data-status={cluster.status} data-cluster={cluster.name} className={`rounded-lg border border-slate-200 p-3 shadow-sm ${online ? "bg-white" : "bg-slate-50"}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ClusterStatusBadge cluster={cluster} />
        {cluster.outages24h > 0 && (
          <span className="text-xs">
            <OutageCount count={cluster.outages24h} />
          </span>
        )}
      </div>
      <p className="mt-2 flex flex-wrap items-center gap-2">
        <Link href={`/clusters/${cluster.id}`} className={`text-base font-medium hover:underline ${online ? "text-indigo-700" : "text-slate-700"}`}>
          {cluster.name}
        </Link>
        {cluster.simulated && <SimulatedBadge />}
      </p>
      <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className="text-xs text-slate-600">Site</dt>
          <dd className="truncate">{cluster.siteName}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Nodes ready</dt>
          <dd>{pending ? "—" : <ReadyCount ready={cluster.nodesReady} total={cluster.nodesTotal} noun="nodes ready" stale={!online} />}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Workloads</dt>
          <dd>{pending ? "—" : <ReadyCount ready={cluster.workloadsHealthy} total={cluster.workloadsTotal} noun="workloads healthy" stale={!online} />}</dd>
        </div>
      </dl>
    </li>
  );
}
