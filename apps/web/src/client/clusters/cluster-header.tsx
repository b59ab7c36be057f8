import Link from "next/link";
import type { ReactNode } from "react";
import type { ClusterDetail } from "@outpost/cluster-core";
import { isConnected } from "../is-connected";
import { LabelChips } from "../ui/label-chips";
import { RelativeTime } from "../ui/relative-time";
import { ClusterStatusBadge } from "./cluster-status-badge";
import { AddNodeButton } from "./add-node-button";
import { DeleteClusterButton } from "./delete-cluster-button";
import { DownloadKubeconfigButton } from "./download-kubeconfig-button";
import { EditLabelsButton } from "./edit-labels-button";
import { MoveClusterButton } from "./move-cluster-button";
import { AgentCredentialButton } from "./agent-credential-button";
import { ReadyCount } from "./ready-count";
import { SimulatedBadge } from "./simulated-badge";

/** Name, status and facts of a cluster, with the operator's actions. */
export function ClusterHeader({ cluster, canOperate }: { cluster: ClusterDetail; canOperate: boolean }) {
  const facts: { term: string; value: ReactNode }[] = [
    { term: "Site", value: cluster.siteName },
    // A connected cluster is heard from every few seconds; its stored lastSeenAt is only refreshed
    // in the database every 5 s and not pushed to browsers, so it is shown as what it means.
    { term: "Last seen", value: isConnected(cluster.status) ? "now (connected)" : cluster.lastSeenAt ? <RelativeTime iso={cluster.lastSeenAt} /> : "never" },
    { term: "k3s version", value: <span className="font-mono">{cluster.k3sVersion || "—"}</span> },
    {
      term: "Nodes ready",
      value:
        cluster.status === "pending" ? (
          "—"
        ) : (
          <ReadyCount ready={cluster.nodesReady} total={cluster.nodesTotal} noun="nodes ready" stale={!isConnected(cluster.status)} />
        ),
    },
  ];
  return (
    <div className="mb-6">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/" className="hover:text-slate-700">
          Fleet
        </Link>
        <span aria-hidden="true"> / </span>
        <span>{cluster.siteName}</span>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{cluster.name}</h1>
          <ClusterStatusBadge cluster={cluster} />
          {cluster.simulated && <SimulatedBadge />}
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {/* A simulated cluster has no Kubernetes API to reach. */}
          {!cluster.simulated && <DownloadKubeconfigButton id={cluster.id} />}
          {canOperate && (
            <>
              {!cluster.simulated && <AddNodeButton cluster={cluster} />}
              <EditLabelsButton id={cluster.id} labels={cluster.labels} />
              <MoveClusterButton id={cluster.id} name={cluster.name} siteId={cluster.siteId} />
              <AgentCredentialButton id={cluster.id} name={cluster.name} connected={isConnected(cluster.status)} />
              <DeleteClusterButton id={cluster.id} name={cluster.name} />
            </>
          )}
        </div>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-4">
        {facts.map((f) => (
          <div key={f.term}>
            <dt className="text-xs font-medium text-slate-500">{f.term}</dt>
            <dd className="mt-0.5 text-slate-900">{f.value}</dd>
          </div>
        ))}
        <div className="col-span-2 md:col-span-4">
          <dt className="text-xs font-medium text-slate-500">Labels</dt>
          <dd className="mt-1">
            <LabelChips labels={cluster.labels} />
          </dd>
        </div>
      </dl>
    </div>
  );
}
