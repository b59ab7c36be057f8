import type { ClusterSummary } from "./api";

/** Live updates pushed to browsers on the /ui namespace. */
export interface ServerToUiEvents {
  /** A cluster's summary changed (status, counts, labels); detail views refetch. */
  "cluster:updated": (summary: ClusterSummary) => void;
  /** Clusters or sites were added or removed: lists refetch. */
  "fleet:changed": () => void;
}

export type UiToServerEvents = Record<string, never>;
