import type { ClusterSummary } from "./api";
import type { BundleClusterView } from "../bundles/bundle-api";
import type { JobLogEvent, JobView, JobWatchRequest, UiAck } from "../jobs/job-views";
import type { NotificationView } from "./alerts";

/** A bundle's progress on one cluster, as its agent just reported. */
export interface BundleProgressEvent extends BundleClusterView {
  bundleId: string;
}

/** Live updates pushed to browsers on the /ui namespace. */
export interface ServerToUiEvents {
  /** A cluster's summary changed (status, counts, labels); detail views refetch. */
  "cluster:updated": (summary: ClusterSummary) => void;
  /** Clusters or sites were added or removed: lists refetch. */
  "fleet:changed": () => void;
  /** Bundles, assignments or holdings changed: bundle lists and details refetch. */
  "bundles:changed": () => void;
  /** Live progress of a bundle on a cluster (written into the bundle's detail). */
  "bundle:progress": (progress: BundleProgressEvent) => void;
  /** A rollout moved (a cluster's state, a wave, a halt): its views refetch. */
  "rollout:updated": (update: { rolloutId: string }) => void;
  /** A job or one of its steps changed (status, progress). */
  "job:updated": (job: JobView) => void;
  /** New log lines of a job, to the browsers watching it (job:watch). */
  "job:log": (event: JobLogEvent) => void;
  /** An alert fired or resolved: the notification list and its unread count refetch. */
  "notification:new": (notification: NotificationView) => void;
}

/** Browsers ask for the live log of the jobs they show. */
export interface UiToServerEvents {
  "job:watch": (req: JobWatchRequest, ack: (res: UiAck) => void) => void;
  "job:unwatch": (req: JobWatchRequest, ack: (res: UiAck) => void) => void;
}
