import { z } from "zod";
import { ZMaintenanceWindows, type ZRolloutPhase, ZRolloutStrategy, type ZTargetPhase, type ZTargetStatus, type MaintenanceWindow, type RolloutStrategy } from "../rollouts/rollout-schemas";
import { ZId } from "./common";
import { ZChartName } from "./chart-api";

const ZNamespace = z
  .string()
  .min(1, "a target namespace is required")
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "namespaces use lower-case letters, digits and '-'");

/** A label selector as text (k8s syntax); parsed and checked by the service. */
export const ZSelectorText = z.string().max(4096, "selectors are at most 4096 characters");

/** POST /api/v1/rollouts */
export const ZCreateRolloutRequest = z.object({
  chartId: ZId,
  /** The HelmChart and helm release name on each cluster; the chart's name when left out. */
  releaseName: ZChartName.optional(),
  targetNamespace: ZNamespace,
  createNamespace: z.boolean().default(true),
  /** YAML; checked before anything is saved. */
  valuesContent: z.string().max(256 * 1024, "values are at most 256 KiB").default(""),
  selector: ZSelectorText.default(""),
  strategy: ZRolloutStrategy.default(ZRolloutStrategy.parse({})),
  failurePolicy: z.enum(["reinstall", "abort"]).default("reinstall"),
  /** helm --timeout for install/upgrade (seconds); helm's own default (5 min) when left out. */
  helmTimeoutSeconds: z.number().int().min(10).max(3600).optional(),
});
export type CreateRolloutRequest = z.input<typeof ZCreateRolloutRequest>;

/**
 * POST /api/v1/rollouts/preview: which clusters a selector matches now, and how they would be
 * split. Both fields have defaults, so unknown keys are refused: a misspelt field would otherwise
 * preview the whole fleet without a word.
 */
export const ZPreviewRolloutRequest = z.strictObject({
  selector: ZSelectorText.default(""),
  strategy: ZRolloutStrategy.default(ZRolloutStrategy.parse({})),
});

export interface RolloutPreviewCluster {
  id: string;
  name: string;
  siteName: string;
  status: string;
  paused: boolean;
}

export interface RolloutPreview {
  clusters: RolloutPreviewCluster[];
  /** Wave sizes the plan would make (canary first), or why no plan is possible. */
  waves: Array<{ kind: "canary" | "wave"; clusterIds: string[] }>;
  problem: string | null;
}

/** POST /api/v1/rollouts/:id/halt */
export const ZHaltRolloutRequest = z.object({ reason: z.string().max(500).default("") });

export interface RolloutSummary {
  id: string;
  kind: "deploy" | "rollback";
  rollbackOfId: string | null;
  chart: { id: string; name: string; version: string };
  releaseName: string;
  targetNamespace: string;
  selector: string;
  phase: z.infer<typeof ZRolloutPhase>;
  currentWave: number;
  waveCount: number;
  hasCanary: boolean;
  haltReason: string | null;
  counts: Record<z.infer<typeof ZTargetStatus>, number>;
  total: number;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
}

export interface RolloutTargetView {
  clusterId: string;
  clusterName: string;
  siteName: string;
  wave: number;
  phase: z.infer<typeof ZTargetPhase>;
  status: z.infer<typeof ZTargetStatus>;
  detail: string;
  waitingUntil: string | null;
  /** The chart version this cluster gets ("remove" for a rollback to before the release). */
  version: string;
  dispatchedAt: string | null;
  finishedAt: string | null;
}

export interface RolloutEventView {
  at: string;
  type: string;
  wave: number | null;
  clusterId: string | null;
  message: string;
}

export interface RolloutDetail extends RolloutSummary {
  valuesContent: string;
  strategy: RolloutStrategy;
  createNamespace: boolean;
  failurePolicy: string;
  helmTimeoutSeconds: number | null;
  waveStartedAt: string | null;
  waves: Array<{ index: number; label: string; kind: "canary" | "wave"; counts: Record<z.infer<typeof ZTargetStatus>, number> }>;
  targets: RolloutTargetView[];
  events: RolloutEventView[];
  /** What an operator may do now. */
  actions: { halt: boolean; resume: boolean; retry: boolean; approve: boolean; rollback: boolean };
}

/** One entry of a cluster's rollout history. */
export interface ClusterRolloutHistoryEntry {
  rolloutId: string;
  kind: "deploy" | "rollback";
  releaseName: string;
  chartName: string;
  version: string;
  phase: z.infer<typeof ZTargetPhase>;
  reason: string | null;
  dispatchedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
}

/** PUT /api/v1/clusters/:id/rollout-pause */
export const ZPauseClusterRequest = z.object({ reason: z.string().trim().min(1, "say why (e.g. stocktaking until Monday)").max(300) });

export interface ClusterRolloutPause {
  pausedAt: string;
  pausedBy: string;
  reason: string;
}

/** PUT /api/v1/sites/:id/maintenance-windows */
export const ZSetMaintenanceWindowsRequest = z.object({ windows: ZMaintenanceWindows });
export type { MaintenanceWindow };
