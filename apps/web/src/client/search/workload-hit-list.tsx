import Link from "next/link";
import type { WorkloadSearchHit } from "@outpost/cluster-core";
import { ClusterStatusBadge } from "../clusters/cluster-status-badge";
import { ReadyCount } from "../clusters/ready-count";

/** Matching workloads, one card per cluster and workload: where, how healthy, which images. */
export function WorkloadHitList({ hits }: { hits: WorkloadSearchHit[] }) {
  return (
    <ul aria-label="Matching workloads" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
      {hits.map((h) => {
        const stale = h.clusterStatus !== "online" && h.clusterStatus !== "degraded";
        return (
          <li key={`${h.clusterId}/${h.namespace}/${h.kind}/${h.name}`} data-cluster={h.clusterName} className="grid gap-2 px-4 py-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,2fr)_auto] sm:items-center">
            <div className="min-w-0">
              <Link href={`/clusters/${h.clusterId}`} className="font-medium text-indigo-700 hover:underline">
                {h.clusterName}
              </Link>
              <p className="text-xs text-slate-600">site {h.siteName}</p>
            </div>
            <div className="min-w-0">
              <p className="font-mono text-sm text-slate-900">
                {h.namespace}/{h.name} <span className="font-sans text-xs text-slate-600">{h.kind}</span>
              </p>
              {h.images.map((image) => (
                <p key={image} className="font-mono text-xs [overflow-wrap:anywhere] text-slate-700">
                  {image}
                </p>
              ))}
            </div>
            <div className="flex items-center gap-3 sm:justify-end">
              <ReadyCount ready={h.ready} total={h.desired} noun="ready" stale={stale} />
              <ClusterStatusBadge cluster={{ status: h.clusterStatus, offlineSince: null, linkRttMs: null }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
