"use client";

import type { ClusterDetail } from "@outpost/cluster-core";
import { ApiError } from "@/src/client/api-error";
import { ClusterHeader } from "@/src/client/clusters/cluster-header";
import { ClusterNotFound } from "@/src/client/clusters/cluster-not-found";
import { ClusterNotice } from "@/src/client/clusters/cluster-notice";
import { EventTable } from "@/src/client/clusters/event-table";
import { NodeTable } from "@/src/client/clusters/node-table";
import { StaleCaption } from "@/src/client/clusters/stale-caption";
import { useClusterDetail } from "@/src/client/clusters/use-cluster-detail";
import { warningEvents } from "@/src/client/clusters/warning-events";
import { WorkloadTable } from "@/src/client/clusters/workload-table";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { Tabs } from "@/src/client/ui/tabs";
import { isConnected } from "@/src/client/is-connected";
import { ClusterChanges } from "@/src/client/clusters/cluster-changes";
import { DesiredStatePanel } from "@/src/client/clusters/desired-state-panel";
import { ClusterRolloutsPanel } from "@/src/client/rollouts/cluster-rollouts-panel";
import { StatusHistoryPanel } from "@/src/client/history/status-history-panel";

interface ClusterDetailClientProps {
  id: string;
  initialData: ClusterDetail;
  canOperate: boolean;
}

/** One cluster: header, offline notice, and tabs for nodes, workloads and warning events. */
export function ClusterDetailClient({ id, initialData, canOperate }: ClusterDetailClientProps) {
  const query = useClusterDetail(id, initialData);
  if (query.error instanceof ApiError && query.error.status === 404) return <ClusterNotFound />;
  const cluster = query.data;
  const stale = !isConnected(cluster.status);
  const warnings = warningEvents(cluster.events);
  const caption = stale && cluster.status === "offline" ? <StaleCaption snapshotAt={cluster.snapshotAt} /> : null;

  return (
    <>
      <ClusterHeader cluster={cluster} canOperate={canOperate} />
      {query.isError && <ErrorAlert className="mb-4" error={query.error} />}
      <ClusterNotice cluster={cluster} />
      <Tabs
        label="Cluster details"
        items={[
          {
            id: "nodes",
            label: "Nodes",
            count: cluster.nodes.length,
            panel: (
              <>
                {caption}
                <NodeTable nodes={cluster.nodes} stale={stale} />
              </>
            ),
          },
          {
            id: "workloads",
            label: "Workloads",
            count: cluster.workloads.length,
            panel: (
              <>
                {caption}
                <WorkloadTable workloads={cluster.workloads} stale={stale} />
              </>
            ),
          },
          {
            id: "events",
            label: "Recent events",
            count: warnings.length,
            panel: (
              <>
                {caption}
                <EventTable events={warnings} />
              </>
            ),
          },
          {
            id: "history",
            label: "History",
            panel: <StatusHistoryPanel id={cluster.id} />,
          },
          {
            id: "changes",
            label: "Changes",
            count: cluster.changesTotal,
            panel: <ClusterChanges id={cluster.id} first={cluster.changes} total={cluster.changesTotal} />,
          },
          { id: "rollouts", label: "Rollouts", panel: <ClusterRolloutsPanel clusterId={cluster.id} canOperate={canOperate} /> },
          ...(cluster.simulated
            ? []
            : [{ id: "desired", label: "Desired state", panel: <DesiredStatePanel id={cluster.id} canOperate={canOperate} /> }]),
        ]}
      />
    </>
  );
}
