import { Badge } from "../ui/badge";

/** Ready / NotReady; grey and marked "last known" while the cluster is offline. */
export function NodeReadyBadge({ ready, stale }: { ready: boolean; stale: boolean }) {
  const text = ready ? "Ready" : "NotReady";
  if (stale) {
    return (
      <Badge tone="grey" dot title="Last known state; the cluster is not reporting">
        {text} (last known)
      </Badge>
    );
  }
  return (
    <Badge tone={ready ? "green" : "red"} dot>
      {text}
    </Badge>
  );
}
