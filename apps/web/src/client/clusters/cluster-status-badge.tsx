import type { ClusterSummary } from "@outpost/cluster-core";
import { formatDateTime } from "../format-date-time";
import { Badge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";

/** Online (green), Offline since … (red, absolute time on hover) or Waiting for agent. */
export function ClusterStatusBadge({ cluster }: { cluster: Pick<ClusterSummary, "status" | "offlineSince" | "linkRttMs"> }) {
  if (cluster.status === "degraded") {
    return (
      <Badge tone="amber" dot title={cluster.linkRttMs !== null ? `Connected over a slow or lossy link (heartbeat round trip ${cluster.linkRttMs} ms)` : "Connected over a slow or lossy link"}>
        Degraded
      </Badge>
    );
  }
  if (cluster.status === "online") {
    return (
      <Badge tone="green" dot>
        Online
      </Badge>
    );
  }
  if (cluster.status === "pending") {
    return (
      <Badge tone="amber" dot title="Registered, but the agent has not reported yet">
        Waiting for agent
      </Badge>
    );
  }
  return (
    <Badge tone="red" dot title={cluster.offlineSince ? `Offline since ${formatDateTime(cluster.offlineSince)}` : undefined}>
      {cluster.offlineSince ? (
        <span>
          Offline since <RelativeTime iso={cluster.offlineSince} />
        </span>
      ) : (
        "Offline"
      )}
    </Badge>
  );
}
