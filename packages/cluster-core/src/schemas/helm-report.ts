import { z } from "zod";
import { ZIsoDate } from "./common";

const name = z.string().max(253);
const text = (max: number) => z.string().max(max);

export const ZHelmChartCondition = z.object({ type: text(64), status: text(16), reason: text(128), message: text(1024) });

/** The newest pod of a HelmChart's install Job, as its kubelet last reported it. */
export const ZHelmJobPodReport = z.object({
  name,
  createdAt: ZIsoDate,
  /** helm-controller's helmcharts.helm.cattle.io/configHash of the pod's template. */
  configHash: text(100),
  phase: text(32),
  restartCount: z.number().int().min(0),
  /** The container's latest end (current state, else the last one): klipper-helm's termination message. */
  lastTermination: z
    .object({ exitCode: z.number().int(), reason: text(128), message: text(4096), finishedAt: ZIsoDate.nullable() })
    .nullable(),
  /** The end of the container's log when it last failed (helm's own error is there). */
  logTail: text(4096).nullable(),
});
export type HelmJobPodReport = z.infer<typeof ZHelmJobPodReport>;

/** The latest helm release of a HelmChart in its target namespace (from helm's release Secret). */
export const ZHelmReleaseReport = z.object({
  revision: z.number().int().min(0),
  status: text(32),
  /** Label klipper-helm puts on the release: the configHash of the Job that made it. */
  configHash: text(100),
  chartName: text(253),
  chartVersion: text(128),
  /** sha256 of the canonical JSON of the values the release was made with (see valuesDigest). */
  valuesDigest: text(80),
});
export type HelmReleaseReport = z.infer<typeof ZHelmReleaseReport>;

/** What an agent reports about one HelmChart that Outpost manages (label managed-by=outpost). */
export const ZHelmChartReport = z.object({
  namespace: name.min(1),
  name: name.min(1),
  /** Outpost's annotation outpost.io/revision on the object as it is on the cluster. */
  revision: text(160),
  /** When Outpost's apply last changed the object (its managedFields time). */
  appliedAt: ZIsoDate.nullable(),
  deleting: z.boolean(),
  conditions: z.array(ZHelmChartCondition).max(8),
  job: z
    .object({
      name,
      configHash: text(100),
      active: z.number().int().min(0),
      complete: z.boolean(),
      /** The Job's Failed condition message, when it gave up. */
      failed: text(1024).nullable(),
    })
    .nullable(),
  pod: ZHelmJobPodReport.nullable(),
  release: ZHelmReleaseReport.nullable(),
});
export type HelmChartReport = z.infer<typeof ZHelmChartReport>;
