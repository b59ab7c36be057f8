import { ZJobLogLevel, ZJobStatus, ZJobStepStatus, type JobLogLine, type JobStepView, type JobView } from "@outpost/cluster-core";

export interface JobRow {
  id: string;
  kind: string;
  title: string;
  targetType: string;
  targetId: string | null;
  status: string;
  error: string | null;
  cancelRequested: boolean;
  createdByName: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  steps: JobStepRow[];
}

export interface JobStepRow {
  position: number;
  name: string;
  title: string;
  status: string;
  error: string | null;
  attempts: number;
  progress: number | null;
  detail: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const jobWithSteps = { steps: { orderBy: { position: "asc" } } } as const;

/** A stored job as the API and the live updates show it. */
export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    targetType: row.targetType,
    targetId: row.targetId,
    status: ZJobStatus.catch("failed").parse(row.status),
    error: row.error,
    cancelRequested: row.cancelRequested,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    steps: row.steps.map(toJobStepView),
  };
}

function toJobStepView(s: JobStepRow): JobStepView {
  return {
    position: s.position,
    name: s.name,
    title: s.title,
    status: ZJobStepStatus.catch("failed").parse(s.status),
    error: s.error,
    attempts: s.attempts,
    progress: s.progress,
    detail: s.detail,
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
  };
}

export function toJobLogLine(row: { seq: number; step: number | null; at: Date; level: string; message: string }): JobLogLine {
  return { seq: row.seq, step: row.step, at: row.at.toISOString(), level: ZJobLogLevel.catch("info").parse(row.level), message: row.message };
}
