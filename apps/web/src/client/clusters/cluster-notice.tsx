import type { ClusterSummary } from "@outpost/cluster-core";
import { formatDateTime } from "../format-date-time";
import { RelativeTime } from "../ui/relative-time";

/** A banner for clusters that are not online: what is known and what is not. */
export function ClusterNotice({ cluster }: { cluster: Pick<ClusterSummary, "status" | "offlineSince" | "lastSeenAt" | "queuedAtDevice" | "linkRttMs"> }) {
  if (cluster.status === "online") return null;
  if (cluster.status === "degraded") {
    return (
      <div role="note" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p className="font-medium">Degraded link{cluster.linkRttMs !== null && <> · heartbeat round trip {formatMs(cluster.linkRttMs)}</>}</p>
        <p>The agent is connected, but its heartbeats are slow or some were lost. Updates may arrive late.{queuedNote(cluster.queuedAtDevice)}</p>
      </div>
    );
  }
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
      <p>
        The agent is not connected. Everything below is the last state it reported; the site keeps running on its own.
        {cluster.lastSeenAt && (
          <>
            {" "}
            Last contact <RelativeTime iso={cluster.lastSeenAt} />.
          </>
        )}
        {queuedNote(cluster.queuedAtDevice)}
      </p>
    </div>
  );
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** What the device said it still holds for us, if it said anything. */
function queuedNote(queued: number | null): string {
  if (queued === null || queued === 0) return "";
  return ` ${queued} update${queued === 1 ? "" : "s"} ${queued === 1 ? "was" : "were"} queued at the device when it last reported; ${queued === 1 ? "it arrives" : "they arrive"} in order once the link is back.`;
}
