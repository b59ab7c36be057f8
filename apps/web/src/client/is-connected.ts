import type { ClusterStatus } from "@outpost/cluster-core";

/** Online or degraded: the agent is connected and what the cluster shows is current. */
export function isConnected(status: ClusterStatus): boolean {
  return status === "online" || status === "degraded";
}
