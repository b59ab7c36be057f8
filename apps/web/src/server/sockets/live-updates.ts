import type { BundleProgressEvent, ClusterSummary, JobLogEvent, JobView, NotificationView } from "@outpost/cluster-core";
import type { UiNamespace } from "./ui-namespace";
import type { Db } from "../db/open-database";
import { clusterSummarySelect, toClusterSummary } from "../fleet/to-cluster-summary";

export interface LiveUpdates {
  clusterUpdated(summary: ClusterSummary): void;
  /** Reads the cluster afresh and pushes its summary; a deleted cluster becomes a fleet change. */
  clusterChanged(db: Db, clusterId: string): Promise<void>;
  fleetChanged(): void;
  /** Bundles, their assignments or holdings changed: bundle lists refetch. */
  bundlesChanged(): void;
  /** Live transfer progress of a bundle on a cluster. */
  bundleProgress(progress: BundleProgressEvent): void;
  rolloutChanged(rolloutId: string): void;
  /** Calls `listener` whenever a cluster changed (presence, a report); the rollout scheduler listens. */
  onClusterChanged(listener: (clusterId: string) => void): void;
  /** A job or one of its steps changed. */
  jobUpdated(job: JobView): void;
  /** New log lines of a job, to the browsers that watch it (room `job:<id>`). */
  jobLog(event: JobLogEvent): void;
  /** An alert fired or resolved. */
  notificationAdded(notification: NotificationView): void;
}

export const jobRoom = (jobId: string) => `job:${jobId}`;

/** Pushes changes to every signed-in browser on the /ui namespace. */
export function createLiveUpdates(ui: UiNamespace): LiveUpdates {
  const listeners: Array<(clusterId: string) => void> = [];
  return {
    clusterUpdated: (summary) => void ui.emit("cluster:updated", summary),
    async clusterChanged(db, clusterId) {
      for (const l of listeners) l(clusterId);
      const row = await db.cluster.findUnique({ where: { id: clusterId }, select: clusterSummarySelect });
      if (row) ui.emit("cluster:updated", toClusterSummary(row));
      else ui.emit("fleet:changed");
    },
    fleetChanged: () => void ui.emit("fleet:changed"),
    bundlesChanged: () => void ui.emit("bundles:changed"),
    bundleProgress: (progress) => void ui.emit("bundle:progress", progress),
    rolloutChanged: (rolloutId) => void ui.emit("rollout:updated", { rolloutId }),
    onClusterChanged: (listener) => void listeners.push(listener),
    jobUpdated: (job) => void ui.emit("job:updated", job),
    jobLog: (event) => void ui.to(jobRoom(event.jobId)).emit("job:log", event),
    notificationAdded: (notification) => void ui.emit("notification:new", notification),
  };
}
