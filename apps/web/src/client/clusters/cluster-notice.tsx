import type { ClusterSummary } from "@outpost/cluster-core";
import { formatDateTime } from "../format-date-time";
import { RelativeTime } from "../ui/relative-time";

/** A banner for clusters that are not online: what is known and what is not. */
export function ClusterNotice({ cluster }: { cluster: Pick<ClusterSummary, "status" | "offlineSince" | "lastSeenAt"> }) {
  if (cluster.status === "online") return null;
  if (cluster.status === "pending") {
    return (
      <div role="note" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p className="font-medium">Waiting for the agent</p>
        <p>The cluster is registered but its agent has not reported yet. Nodes and workloads appear once it does.</p>
      </div>
    );
  }
  return (
    <div role="note" className="mb-6 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-medium">
        Offline
        {cluster.offlineSince && (
          <>
            {" "}
            since <RelativeTime iso={cluster.offlineSince} /> ({formatDateTime(cluster.offlineSince)})
          </>
        )}
      </p>
      <p>The agent is not connected. Everything below is the last state it reported; the site keeps running on its own.</p>
    </div>
  );
}
