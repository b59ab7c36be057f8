import { z } from "zod";
import { ZId } from "../schemas/common";

/**
 * Persisted jobs (provisioning, node join; later rollouts and upgrades): named steps with status,
 * timestamps and log lines, streamed live to browsers and kept afterwards.
 */
export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"] as const;
export const ZJobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof ZJobStatus>;

export const STEP_STATUSES = ["pending", "running", "succeeded", "failed", "cancelled", "interrupted"] as const;
export const ZJobStepStatus = z.enum(STEP_STATUSES);
export type JobStepStatus = z.infer<typeof ZJobStepStatus>;

export const ZJobLogLevel = z.enum(["info", "warn", "error"]);
export type JobLogLevel = z.infer<typeof ZJobLogLevel>;

/** Jobs that can be retried (from their first step that did not succeed) or resumed. */
export const RETRYABLE_JOB_STATUSES: readonly JobStatus[] = ["failed", "cancelled", "interrupted"];
/** Jobs that still end by themselves; cancelling applies to these. */
export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ["queued", "running"];

export interface JobStepView {
  position: number;
  name: string;
  title: string;
  status: JobStepStatus;
  error: string | null;
  attempts: number;
  /** 0..1 while a step that can tell is running. */
  progress: number | null;
  detail: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobView {
  id: string;
  kind: string;
  title: string;
  targetType: string;
  targetId: string | null;
  status: JobStatus;
  error: string | null;
  cancelRequested: boolean;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  steps: JobStepView[];
}

export interface JobLogLine {
  seq: number;
  /** Position of the step that wrote it; null for the job's own lines. */
  step: number | null;
  at: string;
  level: JobLogLevel;
  message: string;
}

export interface JobDetail extends JobView {
  /** The newest lines (at most JOB_LOG_PAGE), oldest first. */
  logs: JobLogLine[];
  /** Lines before the first one sent (fetch them with ?beforeSeq=). */
  earlierLogs: number;
}

export const JOB_LOG_PAGE = 2000;

/** job:watch / job:unwatch from a browser: live log lines of one job. */
export const ZJobWatchRequest = z.object({ jobId: ZId });
export type JobWatchRequest = z.infer<typeof ZJobWatchRequest>;

export interface JobLogEvent {
  jobId: string;
  lines: JobLogLine[];
}

export type UiAck = { ok: true } | { ok: false; error: string };
