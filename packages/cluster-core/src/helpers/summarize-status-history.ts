import type { ClusterStatus } from "../schemas/common";

export interface StatusSegment {
  status: ClusterStatus;
  /** Epoch ms. */
  from: number;
  to: number;
}

export interface StatusHistorySummary {
  segments: StatusSegment[];
  /** Times the cluster went offline in the window, centre restarts not counted. */
  outages: number;
  offlineMs: number;
}

/**
 * Cuts a window [since, now] into the stretches a cluster spent in each status, from its status
 * at the start of the window and the transitions within it (oldest first).
 */
export function summarizeStatusHistory(
  statusAtStart: ClusterStatus,
  events: { at: number; to: ClusterStatus; reason: string }[],
  since: number,
  now: number,
): StatusHistorySummary {
  const segments: StatusSegment[] = [];
  let status = statusAtStart;
  let from = since;
  let outages = 0;
  for (const e of events) {
    const at = Math.min(Math.max(e.at, since), now);
    if (at > from) segments.push({ status, from, to: at });
    if (e.to === "offline" && status !== "offline" && e.reason !== "centre-restart") outages++;
    status = e.to;
    from = at;
  }
  if (now > from) segments.push({ status, from, to: now });
  const offlineMs = segments.filter((s) => s.status === "offline").reduce((sum, s) => sum + (s.to - s.from), 0);
  return { segments, outages, offlineMs };
}
