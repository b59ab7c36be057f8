import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient } from "@tanstack/react-query";
import { DEFAULT_FLEET_QUERY, type ClusterDetail, type ClusterSummary, type FleetPage } from "@outpost/cluster-core";
import { applyClusterUpdate } from "./apply-cluster-update";
import { queryKeys } from "./query-keys";
import { LIST_REFRESH_MS } from "./schedule-list-refresh";

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

function page(items: ClusterSummary[]): FleetPage {
  const zero = { clusters: 0, online: 0, degraded: 0, offline: 0, pending: 0, nodesReady: 0, nodesTotal: 0, nodesUnknown: 0, workloadsHealthy: 0, workloadsTotal: 0, workloadsUnknown: 0, clustersNodesNotReady: 0, clustersWorkloadsUnhealthy: 0 };
  return { items: items.map((c) => ({ ...c, outages24h: 2 })), total: items.length, page: 1, pageSize: 50, counters: zero, k3sVersions: [] };
}

describe("applyClusterUpdate", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("replaces the cluster on every cached fleet page in place, keeping its outage count, and merges the detail", () => {
    const qc = new QueryClient();
    const key = queryKeys.fleet.page(DEFAULT_FLEET_QUERY);
    qc.setQueryData(key, page([cluster(), cluster({ id: "c2", name: "store-002" })]));
    const detail = { ...cluster(), nodes: [], workloads: [], events: [], changes: [], changesTotal: 0, snapshotAt: null } satisfies ClusterDetail;
    qc.setQueryData(queryKeys.clusters.detail("c1"), detail);

    applyClusterUpdate(qc, cluster({ status: "offline", offlineSince: "2025-01-10T12:05:00.000Z" }));

    expect(qc.getQueryData<FleetPage>(key)?.items.map((c) => [c.status, c.outages24h])).toEqual([["offline", 2], ["online", 2]]);
    expect(qc.getQueryData<ClusterDetail>(queryKeys.clusters.detail("c1"))).toMatchObject({ status: "offline", nodes: [] });
    expect(qc.getQueryState(queryKeys.clusters.detail("c1"))?.isInvalidated).toBe(true);
  });

  it("refetches the fleet lists once per interval however many pushes arrive", () => {
    const qc = new QueryClient();
    const key = queryKeys.fleet.page(DEFAULT_FLEET_QUERY);
    qc.setQueryData(key, page([]));
    const invalidate = vi.spyOn(qc, "invalidateQueries");
    for (let i = 0; i < 100; i++) applyClusterUpdate(qc, cluster({ id: `c${i}` }));
    const listRefreshes = () => invalidate.mock.calls.filter(([filters]) => JSON.stringify(filters?.queryKey) === JSON.stringify(queryKeys.fleet.all())).length;
    expect(listRefreshes()).toBe(0);
    vi.advanceTimersByTime(LIST_REFRESH_MS);
    expect(listRefreshes()).toBe(1);
    expect(qc.getQueryState(key)?.isInvalidated).toBe(true);
  });
});
