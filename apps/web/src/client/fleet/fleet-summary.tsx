import type { ClusterSummary } from "@outpost/cluster-core";
import { isConnected } from "../is-connected";

interface Counter {
  label: string;
  value: string;
  tone: string;
  note?: string;
}

/** Counters over the listed clusters. Nodes are only counted on online clusters: others are unknown. */
export function FleetSummary({ clusters, filtered }: { clusters: ClusterSummary[]; filtered: boolean }) {
  const online = clusters.filter((c) => isConnected(c.status));
  const offline = clusters.filter((c) => c.status === "offline").length;
  const pending = clusters.filter((c) => c.status === "pending").length;
  const nodesReady = online.reduce((n, c) => n + c.nodesReady, 0);
  const nodesTotal = online.reduce((n, c) => n + c.nodesTotal, 0);
  const counters: Counter[] = [
    { label: "Clusters", value: String(clusters.length), tone: "text-slate-900", note: filtered ? "matching the filter" : undefined },
    { label: "Online", value: String(online.length), tone: online.length ? "text-emerald-700" : "text-slate-900" },
    { label: "Offline", value: String(offline), tone: offline ? "text-red-700" : "text-slate-900" },
    ...(pending ? [{ label: "Waiting for agent", value: String(pending), tone: "text-amber-700" }] : []),
    { label: "Nodes ready", value: `${nodesReady}/${nodesTotal}`, tone: nodesReady < nodesTotal ? "text-amber-700" : "text-slate-900", note: "on online clusters" },
  ];
  return (
    <dl aria-label="Fleet summary" className="mb-6 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
      {counters.map((c) => (
        <div key={c.label} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
          <dt className="text-xs font-medium text-slate-500">{c.label}</dt>
          <dd className={`mt-1 text-2xl font-semibold tabular-nums ${c.tone}`}>{c.value}</dd>
          {c.note && <dd className="text-[11px] text-slate-400">{c.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
