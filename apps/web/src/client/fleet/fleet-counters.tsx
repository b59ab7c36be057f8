import type { ClusterStatus, FleetCounters as Counters, FleetProblem, FleetQuery } from "@outpost/cluster-core";

interface FleetCountersProps {
  counters: Counters;
  query: FleetQuery;
  /** Filters the list by a status or problem (toggling), or clears both. */
  onFilter: (patch: Pick<FleetQuery, "status" | "problem">) => void;
}

interface Counter {
  key: string;
  label: string;
  value: string;
  note?: string;
  tone: string;
  pressed: boolean;
  patch: Pick<FleetQuery, "status" | "problem">;
}

const fmt = (n: number) => n.toLocaleString("en");

/**
 * The fleet's counters, each a button that filters the list to what it counts. Nodes and
 * workloads of clusters that are not connected are "unknown", never ready: a dark site cannot
 * make the fleet look healthier by dropping out of the total.
 */
export function FleetCounters({ counters: c, query, onFilter }: FleetCountersProps) {
  const toggleStatus = (status: ClusterStatus) => ({
    status: query.status.includes(status) ? query.status.filter((s) => s !== status) : [...query.status, status],
    problem: undefined,
  });
  const toggleProblem = (problem: FleetProblem) => ({ status: [], problem: query.problem === problem ? undefined : problem });
  const counters: Counter[] = [
    { key: "all", label: "Clusters", value: fmt(c.clusters), tone: "text-slate-900", pressed: query.status.length === 0 && !query.problem, patch: { status: [], problem: undefined } },
    { key: "offline", label: "Offline", value: fmt(c.offline), tone: c.offline ? "text-red-700" : "text-slate-900", pressed: query.status.includes("offline"), patch: toggleStatus("offline") },
    { key: "degraded", label: "Degraded", value: fmt(c.degraded), tone: c.degraded ? "text-amber-800" : "text-slate-900", pressed: query.status.includes("degraded"), patch: toggleStatus("degraded") },
    { key: "online", label: "Online", value: fmt(c.online), tone: c.online ? "text-emerald-700" : "text-slate-900", pressed: query.status.includes("online"), patch: toggleStatus("online") },
    ...(c.pending
      ? [{ key: "pending", label: "Waiting for agent", value: fmt(c.pending), tone: "text-amber-800", pressed: query.status.includes("pending"), patch: toggleStatus("pending") }]
      : []),
    {
      key: "nodes",
      label: "Nodes ready",
      value: `${fmt(c.nodesReady)}/${fmt(c.nodesTotal)}`,
      note: [c.clustersNodesNotReady ? `${fmt(c.clustersNodesNotReady)} ${c.clustersNodesNotReady === 1 ? "cluster" : "clusters"} with NotReady nodes` : "", c.nodesUnknown ? `${fmt(c.nodesUnknown)} unknown` : ""].filter(Boolean).join(", ") || undefined,
      tone: c.nodesReady < c.nodesTotal ? "text-amber-800" : "text-slate-900",
      pressed: query.problem === "nodes-not-ready",
      patch: toggleProblem("nodes-not-ready"),
    },
    {
      key: "workloads",
      label: "Workloads healthy",
      value: `${fmt(c.workloadsHealthy)}/${fmt(c.workloadsTotal)}`,
      note: [c.clustersWorkloadsUnhealthy ? `${fmt(c.clustersWorkloadsUnhealthy)} ${c.clustersWorkloadsUnhealthy === 1 ? "cluster" : "clusters"} unhealthy` : "", c.workloadsUnknown ? `${fmt(c.workloadsUnknown)} unknown` : ""].filter(Boolean).join(", ") || undefined,
      tone: c.workloadsHealthy < c.workloadsTotal ? "text-amber-800" : "text-slate-900",
      pressed: query.problem === "workloads-unhealthy",
      patch: toggleProblem("workloads-unhealthy"),
    },
  ];
  return (
    <ul aria-label="Fleet summary: each counter filters the list" className="mb-4 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap">
      {counters.map((k) => (
        <li key={k.key} className={k.key === "nodes" || k.key === "workloads" ? "col-span-2 sm:min-w-48 sm:flex-[2]" : "sm:min-w-24 sm:flex-1"}>
          <button
            type="button"
            aria-pressed={k.pressed}
            data-counter={k.key}
            onClick={() => onFilter(k.patch)}
            className={`h-full w-full rounded-lg border bg-white px-3 py-1.5 text-left sm:py-2 shadow-sm transition-colors hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${
              k.pressed ? "border-indigo-500 ring-1 ring-indigo-500" : "border-slate-200"
            }`}
          >
            <span className="block text-xs font-medium text-slate-600">{k.label}</span>
            <span className={`block text-lg font-semibold tabular-nums sm:mt-0.5 sm:text-xl ${k.tone}`}>{k.value}</span>
            {k.note && <span className="block text-xs text-slate-600">{k.note}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
