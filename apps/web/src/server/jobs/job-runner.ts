import { randomUUID } from "node:crypto";
import { RETRYABLE_JOB_STATUSES, type CurrentUser, type JobLogEvent, type JobView } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { executeJob, type AbortReason } from "./execute-job";
import type { JobKind } from "./job-kind";
import { markStaleJobsInterrupted } from "./mark-stale-jobs-interrupted";
import { jobWithSteps, toJobView } from "./to-job-view";
import { log } from "../logging/log";

export interface JobEvents {
  jobUpdated(view: JobView): void;
  jobLog(event: JobLogEvent): void;
}

export type JobActor = CurrentUser | { id: null; username: string };

export interface CreateJobInput<P> {
  kind: string;
  title: string;
  targetType: string;
  targetId?: string | null;
  params: P;
  actor: JobActor;
}

/**
 * Runs persisted jobs in this centre process. Generic: each kind registers its steps once
 * (provisioning and node join now; rollouts and upgrades later).
 */
export interface JobRunner {
  readonly runnerId: string;
  register<P>(kind: JobKind<P>): void;
  /** Marks jobs whose runner went silent as interrupted, starts queued ones and the heartbeat. */
  start(): Promise<void>;
  /** Starts a job; the caller audits the action that wanted it (adding a device, a join command, …). */
  create<P>(input: CreateJobInput<P>): Promise<JobView>;
  /** Runs a failed, cancelled or interrupted job again from its first step that did not succeed. */
  retry(jobId: string, actor: JobActor): Promise<JobView>;
  cancel(jobId: string, actor: JobActor): Promise<JobView>;
  /** Resolves when the job is not running in this process (any more). */
  settled(jobId: string): Promise<void>;
  /** Interrupts running steps (they are marked interrupted, resumable) and stops the heartbeat. */
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  /** How often this process says it still runs its jobs (default 2 s). */
  heartbeatMs?: number;
  /** A running job whose runner has not said so for this long is interrupted (default 10 s). */
  staleAfterMs?: number;
}

const MAX_CONCURRENT = 32;

export function createJobRunner(db: Db, events: JobEvents, options: JobRunnerOptions = {}): JobRunner {
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const staleAfterMs = options.staleAfterMs ?? 10_000;
  const runnerId = randomUUID();
  const kinds = new Map<string, JobKind<unknown>>();
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopping = false;

  const view = async (jobId: string) => {
    const row = await db.job.findUnique({ where: { id: jobId }, include: jobWithSteps });
    if (!row) throw new AppError("NOT_FOUND", `no job with id ${jobId}`);
    return toJobView(row);
  };

  /** Launches in progress: two callers (a retry and the queue sweep) share one claim, so `settled` can wait for it. */
  const claiming = new Map<string, Promise<void>>();
  const launch = (jobId: string): Promise<void> => {
    const pending = claiming.get(jobId);
    if (pending) return pending;
    const claim = claimAndRun(jobId).finally(() => claiming.delete(jobId));
    claiming.set(jobId, claim);
    return claim;
  };

  /** Claims a queued job for this process and runs it in the background. */
  const claimAndRun = async (jobId: string) => {
    if (stopping || active.has(jobId) || active.size >= MAX_CONCURRENT) return;
    const claimed = await db.job.updateMany({
      where: { id: jobId, status: "queued" },
      data: { status: "running", runnerId, heartbeatAt: new Date(), cancelRequested: false, error: null, finishedAt: null },
    });
    if (claimed.count === 0 || active.has(jobId)) return;
    await db.job.updateMany({ where: { id: jobId, startedAt: null }, data: { startedAt: new Date() } });
    const controller = new AbortController();
    const done = executeJob({ db, runnerId, kinds, emitJob: events.jobUpdated, emitLog: events.jobLog }, jobId, controller.signal)
      .catch((err: unknown) => log.error({ jobId, err }, "jobs: a job stopped unexpectedly"))
      .finally(() => {
        active.delete(jobId);
        void launchQueued();
      });
    active.set(jobId, { controller, done });
  };

  const launchQueued = async () => {
    if (stopping) return;
    const queued = await db.job.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true }, take: MAX_CONCURRENT });
    for (const { id } of queued) await launch(id);
  };

  const beat = async () => {
    if (active.size > 0) {
      const ids = [...active.keys()];
      await db.job.updateMany({ where: { id: { in: ids }, runnerId }, data: { heartbeatAt: new Date() } });
      // A cancel asked through another centre replica reaches the running process here.
      const cancelled = await db.job.findMany({ where: { id: { in: ids }, cancelRequested: true }, select: { id: true } });
      for (const { id } of cancelled) active.get(id)?.controller.abort("cancel" satisfies AbortReason);
    }
    const interrupted = await markStaleJobsInterrupted(db, { olderThan: new Date(Date.now() - staleAfterMs), exceptRunner: runnerId });
    for (const id of interrupted) events.jobUpdated(await view(id));
  };

  return {
    runnerId,
    register(kind) {
      if (kinds.has(kind.kind)) throw new Error(`job kind ${kind.kind} is registered twice`);
      kinds.set(kind.kind, kind as JobKind<unknown>);
    },
    async start() {
      await beat();
      await launchQueued();
      timer = setInterval(() => {
        beat()
          .then(launchQueued)
          .catch((err: unknown) => log.error({ err }, "jobs: heartbeat failed"));
      }, heartbeatMs);
      timer.unref();
    },
    async create(input) {
      const kind = kinds.get(input.kind);
      if (!kind) throw new AppError("INVALID_INPUT", `unknown job kind '${input.kind}'`);
      const params = kind.params.parse(input.params);
      const steps = typeof kind.steps === "function" ? kind.steps(params) : kind.steps;
      const job = await db.job.create({
        data: {
          kind: input.kind,
          title: input.title,
          targetType: input.targetType,
          targetId: input.targetId ?? null,
          params: JSON.stringify(params),
          createdById: input.actor.id,
          createdByName: input.actor.username,
          steps: { create: steps.map((s, i) => ({ position: i + 1, name: s.name, title: s.title })) },
        },
        include: jobWithSteps,
      });
      events.jobUpdated(toJobView(job));
      await launch(job.id);
      return view(job.id);
    },
    async retry(jobId, actor) {
      const job = await view(jobId);
      if (!RETRYABLE_JOB_STATUSES.includes(job.status)) {
        throw new AppError("CONFLICT", `the job is ${job.status}; only failed, cancelled or interrupted jobs can be retried`);
      }
      const reset = await db.$transaction([
        db.jobStep.updateMany({ where: { jobId, status: { in: ["failed", "cancelled", "interrupted", "running"] } }, data: { status: "pending", error: null, progress: null, detail: null } }),
        db.job.updateMany({ where: { id: jobId, status: { in: [...RETRYABLE_JOB_STATUSES] } }, data: { status: "queued", error: null, finishedAt: null, cancelRequested: false } }),
      ]);
      if (reset[1].count === 0) throw new AppError("CONFLICT", "the job changed meanwhile; reload it");
      await recordAuditEvent(db, actor, { action: "job.retry", targetType: "job", targetId: jobId, details: { kind: job.kind, from: job.status } });
      events.jobUpdated(await view(jobId));
      await launch(jobId);
      return view(jobId);
    },
    async cancel(jobId, actor) {
      const job = await view(jobId);
      if (job.status !== "queued" && job.status !== "running") throw new AppError("CONFLICT", `the job is ${job.status}; only queued or running jobs can be cancelled`);
      await recordAuditEvent(db, actor, { action: "job.cancel", targetType: "job", targetId: jobId, details: { kind: job.kind } });
      const notStarted = await db.job.updateMany({ where: { id: jobId, status: "queued" }, data: { status: "cancelled", error: "cancelled", finishedAt: new Date() } });
      if (notStarted.count === 0) {
        await db.job.updateMany({ where: { id: jobId, status: "running" }, data: { cancelRequested: true } });
        active.get(jobId)?.controller.abort("cancel" satisfies AbortReason);
      }
      const v = await view(jobId);
      events.jobUpdated(v);
      return v;
    },
    async settled(jobId) {
      await claiming.get(jobId);
      await active.get(jobId)?.done;
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      for (const { controller } of active.values()) controller.abort("shutdown" satisfies AbortReason);
      await Promise.all([...active.values()].map((a) => a.done));
    },
  };
}
