import type { Db } from "../db/open-database";

/**
 * Jobs shown as running whose runner stopped beating (the centre restarted or crashed, or a
 * replica died) become "interrupted", with their running step: never silently stuck. Steps check
 * before they act, so resuming such a job is safe. Returns the ids it changed.
 */
export async function markStaleJobsInterrupted(db: Db, opts: { olderThan: Date; exceptRunner: string }): Promise<string[]> {
  const stale = await db.job.findMany({
    where: {
      status: "running",
      AND: [
        { OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: opts.olderThan } }] },
        { OR: [{ runnerId: null }, { runnerId: { not: opts.exceptRunner } }] },
      ],
    },
    select: { id: true, heartbeatAt: true },
  });
  const changed: string[] = [];
  for (const job of stale) {
    const since = job.heartbeatAt ? ` (no word from its runner since ${job.heartbeatAt.toISOString()})` : "";
    const message = `the centre stopped while this step ran${since}; resume the job to continue`;
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.job.updateMany({
        where: { id: job.id, status: "running", heartbeatAt: job.heartbeatAt },
        data: { status: "interrupted", error: "interrupted: the centre stopped while the job ran", runnerId: null, finishedAt: new Date() },
      });
      if (claimed.count === 0) return false;
      const step = await tx.jobStep.findFirst({ where: { jobId: job.id, status: "running" } });
      if (step) await tx.jobStep.update({ where: { id: step.id }, data: { status: "interrupted", error: message, progress: null, finishedAt: new Date() } });
      const last = await tx.jobLog.findFirst({ where: { jobId: job.id }, orderBy: { seq: "desc" }, select: { seq: true } });
      await tx.jobLog.create({ data: { jobId: job.id, seq: (last?.seq ?? 0) + 1, step: step?.position ?? null, level: "warn", message: `interrupted: ${message}` } });
      return true;
    });
    if (done) changed.push(job.id);
  }
  return changed;
}
