import type { JobLogEvent, JobView } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { createJobLogWriter, type JobLogWriter } from "./job-log-writer";
import type { JobKind, StepContext, StepDefinition } from "./job-kind";
import { jobWithSteps, toJobView } from "./to-job-view";
import { log } from "../logging/log";

/** Why the runner aborted a running step. */
export type AbortReason = "cancel" | "shutdown";

export interface ExecuteDeps {
  db: Db;
  /** This process's runner: the job's row must still name it, or another runner took over. */
  runnerId: string;
  kinds: ReadonlyMap<string, JobKind<unknown>>;
  emitJob(view: JobView): void;
  emitLog(event: JobLogEvent): void;
}

const PROGRESS_EVERY_MS = 1000;

/**
 * Runs a claimed job (status "running", owned by this process) from its first step that did not
 * succeed to the end, or to the first failure. Every transition is stored before it is shown.
 */
export async function executeJob(deps: ExecuteDeps, jobId: string, signal: AbortSignal): Promise<void> {
  const { db } = deps;
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: jobWithSteps });
  const last = await db.jobLog.findFirst({ where: { jobId }, orderBy: { seq: "desc" }, select: { seq: true } });
  const logs = createJobLogWriter(db, deps.emitLog, jobId, (last?.seq ?? 0) + 1);
  const show = async () => deps.emitJob(toJobView(await db.job.findUniqueOrThrow({ where: { id: jobId }, include: jobWithSteps })));
  const finish = async (status: "succeeded" | "failed" | "cancelled" | "interrupted", error: string | null, state?: Record<string, unknown>) => {
    await logs.flush();
    await db.job.updateMany({ where: { id: jobId, runnerId: deps.runnerId }, data: { status, error, finishedAt: new Date(), runnerId: null, ...(state ? { state: JSON.stringify(state) } : {}) } });
    await show();
  };
  // A runner that went silent for too long (e.g. a stalled replica) has had the job marked
  // interrupted by another; when it wakes up it must not write over what happened since.
  const stillOwned = async () => (await db.job.count({ where: { id: jobId, runnerId: deps.runnerId, status: "running" } })) === 1;

  const kind = deps.kinds.get(job.kind);
  if (!kind) {
    logs.log(null, "error", `this centre has no runner for jobs of kind '${job.kind}'`);
    return finish("failed", `unknown job kind '${job.kind}'`);
  }
  let params: unknown;
  try {
    params = kind.params.parse(JSON.parse(job.params));
  } catch (err) {
    logs.log(null, "error", `the job's parameters are not valid: ${(err as Error).message}`);
    return finish("failed", "invalid job parameters");
  }
  const defs = new Map((typeof kind.steps === "function" ? kind.steps(params) : kind.steps).map((d) => [d.name, d]));
  const state = parseState(job.state);
  await show();

  for (const step of job.steps) {
    if (step.status === "succeeded") continue;
    if (signal.aborted) return stopped(signal.reason as AbortReason, null);
    const def = defs.get(step.name);
    if (!def) {
      logs.log(step.position, "error", `this centre has no step '${step.name}' for jobs of kind '${job.kind}'`);
      await db.jobStep.update({ where: { id: step.id }, data: { status: "failed", error: "unknown step" } });
      return finish("failed", `${step.title}: unknown step`, state);
    }
    const attempt = step.attempts + 1;
    await db.jobStep.update({ where: { id: step.id }, data: { status: "running", attempts: attempt, error: null, progress: null, detail: null, startedAt: new Date(), finishedAt: null } });
    logs.log(step.position, "info", attempt > 1 ? `${step.title} (attempt ${attempt})` : step.title);
    await show();
    try {
      await def.run(stepContext(deps, job, def, step.position, params, state, attempt, logs, signal));
      if (!(await stillOwned())) return logLost(step.position);
      await logs.flush();
      await db.jobStep.update({ where: { id: step.id }, data: { status: "succeeded", progress: null, detail: null, finishedAt: new Date() } });
      await db.job.update({ where: { id: jobId }, data: { state: JSON.stringify(state) } });
      await show();
    } catch (err) {
      if (!(await stillOwned())) return logLost(step.position);
      if (signal.aborted) return stopped(signal.reason as AbortReason, { id: step.id, position: step.position });
      const message = err instanceof Error && err.message ? err.message : `unexpected failure: ${String(err)}`;
      if (!(err instanceof Error)) log.error({ jobId, step: step.name, thrown: String(err) }, "jobs: a step threw a non-error");
      logs.log(step.position, "error", message);
      await logs.flush();
      await db.jobStep.update({ where: { id: step.id }, data: { status: "failed", error: message, progress: null, finishedAt: new Date() } });
      return finish("failed", `${step.title}: ${message}`, state);
    }
  }
  if (signal.aborted) return stopped(signal.reason as AbortReason, null);
  logs.log(null, "info", "done");
  await finish("succeeded", null, state);
  await kind.onSucceeded?.({ jobId, params, state }).catch((err: unknown) => log.error({ jobId, err }, "jobs: the after-success hook failed"));

  async function logLost(position: number): Promise<void> {
    log.warn({ jobId, step: position }, "jobs: another runner took over (this one was silent too long); the step's outcome is dropped");
  }

  async function stopped(reason: AbortReason, step: { id: string; position: number } | null): Promise<void> {
    const status = reason === "shutdown" ? "interrupted" : "cancelled";
    const message = reason === "shutdown" ? "the centre shut down while this step ran; resume the job to continue" : "cancelled";
    if (step) await db.jobStep.update({ where: { id: step.id }, data: { status, error: message, progress: null, finishedAt: new Date() } });
    logs.log(step?.position ?? null, "warn", reason === "shutdown" ? "interrupted: the centre is shutting down" : "cancelled by an operator");
    await finish(status, reason === "shutdown" ? "interrupted by a centre shutdown" : "cancelled", state);
  }
}

function stepContext<P>(
  deps: ExecuteDeps,
  job: { id: string; kind: string; title: string; targetType: string; targetId: string | null; createdById: string | null; createdByName: string },
  def: StepDefinition<P>,
  position: number,
  params: P,
  state: Record<string, unknown>,
  attempt: number,
  logs: JobLogWriter,
  signal: AbortSignal,
): StepContext<P> {
  let lastProgressAt = 0;
  return {
    job: { id: job.id, kind: job.kind, title: job.title, targetType: job.targetType, targetId: job.targetId, createdById: job.createdById, createdByName: job.createdByName },
    params,
    state,
    attempt,
    signal,
    log: (message, level = "info") => logs.log(position, level, message),
    progress(fraction, detail) {
      const now = Date.now();
      if (now - lastProgressAt < PROGRESS_EVERY_MS && fraction < 1) return;
      lastProgressAt = now;
      const progress = Math.max(0, Math.min(1, fraction));
      void deps.db.jobStep
        .updateMany({ where: { jobId: job.id, position, status: "running" }, data: { progress, detail: detail ?? null } })
        .then(() => deps.db.job.findUnique({ where: { id: job.id }, include: jobWithSteps }))
        .then((row) => row && deps.emitJob(toJobView(row)))
        .catch((err: unknown) => log.error({ jobId: job.id, step: def.name, err }, "jobs: storing a step's progress failed"));
    },
  };
}

function parseState(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
