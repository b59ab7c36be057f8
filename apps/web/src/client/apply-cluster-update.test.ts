import { describe, expect, it } from "vitest";
import { QueryClient } from "@tanstack/react-query";
import type { ClusterDetail, ClusterSummary } from "@outpost/cluster-core";
import { applyClusterUpdate } from "./apply-cluster-update";
import { queryKeys } from "./query-keys";

function cluster(over: Partial<ClusterSummary> = {}): ClusterSummary {
  return {
    id: "c1",
    name: "store-001",
    siteId: "s1",
    siteName: "berlin",
    labels: { env: "prod" },
    k3sVersion: "v1.31.4+k3s1",
    status: "online",
    simulated: false,
    lastSeenAt: "2025-01-10T12:00:00.000Z",
    offlineSince: null,
    nodesReady: 1,
    nodesTotal: 1,
    workloadsHealthy: 3,
    workloadsTotal: 3,
    queuedAtDevice: null,
    linkRttMs: null,
    ...over,
  };
}

describe("applyClusterUpdate", () => {
  it("replaces the cluster in every list and merges the detail", () => {
    const qc = new QueryClient();
    const all = queryKeys.clusters.list({ selector: "", search: "" });
    qc.setQueryData(all, [cluster(), cluster({ id: "c2", name: "store-002" })]);
    const detail = { ...cluster(), nodes: [], workloads: [], events: [], changes: [], snapshotAt: null } satisfies ClusterDetail;
    qc.setQueryData(queryKeys.clusters.detail("c1"), detail);

    applyClusterUpdate(qc, cluster({ status: "offline", offlineSince: "2025-01-10T12:05:00.000Z" }));

    expect(qc.getQueryData<ClusterSummary[]>(all)?.map((c) => c.status)).toEqual(["offline", "online"]);
    expect(qc.getQueryData<ClusterDetail>(queryKeys.clusters.detail("c1"))).toMatchObject({ status: "offline", nodes: [] });
    expect(qc.getQueryState(queryKeys.clusters.detail("c1"))?.isInvalidated).toBe(true);
  });

  it("drops a cluster from a list whose selector it no longer matches", () => {
    const qc = new QueryClient();
    const prod = queryKeys.clusters.list({ selector: "env=prod", search: "" });
    qc.setQueryData(prod, [cluster()]);
    applyClusterUpdate(qc, cluster({ labels: { env: "dev" } }));
    expect(qc.getQueryData(prod)).toEqual([]);
  });

  it("marks a list stale when a cluster newly matches it", () => {
    const qc = new QueryClient();
    const prod = queryKeys.clusters.list({ selector: "env=prod", search: "" });
    qc.setQueryData(prod, []);
    applyClusterUpdate(qc, cluster());
    expect(qc.getQueryState(prod)?.isInvalidated).toBe(true);
    expect(qc.getQueryData(prod)).toEqual([]);
  });
});
