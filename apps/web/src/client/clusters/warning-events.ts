import type { ClusterEvent } from "@outpost/cluster-core";

/** The Warning events, newest first. */
export function warningEvents(events: ClusterEvent[]): ClusterEvent[] {
  return events.filter((e) => e.type === "Warning").sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen));
}
