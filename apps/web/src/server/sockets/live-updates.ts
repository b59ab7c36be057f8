import type { BundleProgressEvent, ClusterSummary, NotificationView } from "@outpost/cluster-core";
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
  /** An alert fired or resolved. */
  notificationAdded(notification: NotificationView): void;
}

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
    notificationAdded: (notification) => void ui.emit("notification:new", notification),
  };
}
