import { roleOnCluster, ZLabels, parseStoredJson, type BundleProgressEvent, type ClusterScopeFacts, type ClusterSummary, type JobLogEvent, type JobView, type NotificationView, type ServerToUiEvents } from "@outpost/cluster-core";
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
  /** Live transfer progress of a bundle on a cluster, to those who may see that cluster. */
  bundleProgress(db: Db, progress: BundleProgressEvent): Promise<void>;
  /**
   * Sends an event about one cluster to the browsers whose users may see that cluster, and no
   * others. Every live event that carries a cluster's data goes through here (never `ui.emit`).
   */
  toClusterViewers<E extends keyof ServerToUiEvents>(cluster: ClusterScopeFacts, event: E, ...args: Parameters<ServerToUiEvents[E]>): void;
  /**
   * A rollout moved (a cluster's state, a wave, a halt): to the browsers whose users may see one
   * of its clusters. `clusterIds` for a rollout already deleted; otherwise its targets are read.
   */
  rolloutChanged(db: Db, rolloutId: string, clusterIds?: string[]): Promise<void>;
  /** Calls `listener` whenever a cluster changed (presence, a report); the rollout scheduler listens. */
  onClusterChanged(listener: (clusterId: string) => void): void;
  /** A job or one of its steps changed. */
  jobUpdated(job: JobView): void;
  /** New log lines of a job, to the browsers that watch it (room `job:<id>`). */
  jobLog(event: JobLogEvent): void;
  /** An alert fired or resolved: to everyone who may see its cluster (everyone, without one). */
  notificationAdded(db: Db, notification: NotificationView): Promise<void>;
}

export const jobRoom = (jobId: string) => `job:${jobId}`;

/** Pushes changes to signed-in browsers on the /ui namespace, each filtered by its user's grants. */
export function createLiveUpdates(ui: UiNamespace): LiveUpdates {
  const listeners: Array<(clusterId: string) => void> = [];
  const toClusterViewers: LiveUpdates["toClusterViewers"] = (cluster, event, ...args) => {
    for (const socket of ui.sockets.values()) {
      if (socket.data.access && roleOnCluster(socket.data.access.rules, cluster) !== null) socket.emit(event, ...args);
    }
  };
  // Site and labels of clusters (what grants look at), kept fresh by every summary pushed: every
  // relabel and move pushes one. Frequent events (bundle progress, twice a second per transfer)
  // are filtered without a database read.
  const facts = new Map<string, ClusterScopeFacts>();
  const factsOfMany = async (db: Db, clusterIds: string[]): Promise<ClusterScopeFacts[]> => {
    const missing = clusterIds.filter((id) => !facts.has(id));
    if (missing.length > 0) {
      const rows = await db.cluster.findMany({ where: { id: { in: missing } }, select: { id: true, siteId: true, labels: true } });
      for (const row of rows) facts.set(row.id, { siteId: row.siteId, labels: parseStoredJson(ZLabels, row.labels, {}) });
    }
    return clusterIds.flatMap((id) => facts.get(id) ?? []);
  };
  const factsOf = async (db: Db, clusterId: string): Promise<ClusterScopeFacts | null> => (await factsOfMany(db, [clusterId]))[0] ?? null;
  const clusterUpdated = (summary: ClusterSummary) => {
    facts.set(summary.id, { siteId: summary.siteId, labels: summary.labels });
    toClusterViewers(summary, "cluster:updated", summary);
  };
  return {
    clusterUpdated,
    async clusterChanged(db, clusterId) {
      for (const l of listeners) l(clusterId);
      const row = await db.cluster.findUnique({ where: { id: clusterId }, select: clusterSummarySelect });
      if (row) return clusterUpdated(toClusterSummary(row));
      facts.delete(clusterId);
      ui.emit("fleet:changed");
    },
    // These carry no data: hints to refetch, which the API answers within each caller's grants.
    fleetChanged: () => void ui.emit("fleet:changed"),
    bundlesChanged: () => void ui.emit("bundles:changed"),
    async bundleProgress(db, progress) {
      const cluster = await factsOf(db, progress.clusterId);
      if (cluster) toClusterViewers(cluster, "bundle:progress", progress);
    },
    toClusterViewers,
    async notificationAdded(db, notification) {
      if (!notification.clusterId) return void ui.emit("notification:new", notification);
      const cluster = await factsOf(db, notification.clusterId);
      if (cluster) toClusterViewers(cluster, "notification:new", notification);
    },
    async rolloutChanged(db, rolloutId, clusterIds) {
      const ids = clusterIds ?? (await db.rolloutTarget.findMany({ where: { rolloutId }, select: { clusterId: true } })).map((t) => t.clusterId);
      const clusters = await factsOfMany(db, ids);
      for (const socket of ui.sockets.values()) {
        const rules = socket.data.access?.rules;
        if (rules && clusters.some((c) => roleOnCluster(rules, c) !== null)) socket.emit("rollout:updated", { rolloutId });
      }
    },
    onClusterChanged: (listener) => void listeners.push(listener),
    jobUpdated: (job) => void ui.emit("job:updated", job),
    jobLog: (event) => void ui.to(jobRoom(event.jobId)).emit("job:log", event),
  };
}
