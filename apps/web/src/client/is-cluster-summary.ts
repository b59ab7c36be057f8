import type { ClusterSummary } from "@outpost/cluster-core";

/**
 * A shape check of a pushed summary before it goes into the cache: socket.io types do not
 * check the wire, and a malformed push must not break every view of the fleet.
 */
export function isClusterSummary(value: unknown): value is ClusterSummary {
  const v = value as Partial<ClusterSummary> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.id === "string" &&
    typeof v.name === "string" &&
    typeof v.siteName === "string" &&
    (v.status === "online" || v.status === "degraded" || v.status === "offline" || v.status === "pending") &&
    typeof v.labels === "object" &&
    v.labels !== null &&
    typeof v.nodesReady === "number" &&
    typeof v.nodesTotal === "number" &&
    typeof v.workloadsHealthy === "number" &&
    typeof v.workloadsTotal === "number"
  );
}
