import type { ClusterStatus } from "./common";

/** Why a cluster's status changed, as far as the centre can tell. */
export const STATUS_REASONS = {
  connected: "the agent connected",
  disconnected: "the agent's connection closed",
  "heartbeat-timeout": "no heartbeat within the timeout; the centre closed the connection",
  "slow-heartbeats": "heartbeats slow or lost",
  quiet: "the agent went quiet",
  recovered: "heartbeats healthy again",
  "centre-restart": "the centre restarted; offline since the last contact until the agent returns",
} as const;
export type StatusReason = keyof typeof STATUS_REASONS;

/** One status transition of a cluster. */
export interface ClusterStatusEventView {
  at: string;
  from: ClusterStatus;
  to: ClusterStatus;
  reason: string;
}

/** A cluster's status history over a window, newest first, with outage figures. */
export interface ClusterHistoryView {
  since: string;
  /** The status at `since` (before the first event listed). */
  statusAtStart: ClusterStatus;
  events: ClusterStatusEventView[];
  /** Times the cluster went offline in the window (centre restarts not counted). */
  outages: number;
  /** Seconds offline in the window, up to now. */
  offlineSeconds: number;
  /** The window cut into stretches of one status, oldest first. */
  segments: { status: ClusterStatus; from: string; to: string }[];
  /** More transitions happened than are listed (the list keeps the newest). */
  truncated: boolean;
}
