import { JOB_LOG_PAGE, type JobDetail } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { jobWithSteps, toJobLogLine, toJobView } from "./to-job-view";

/** A job with its steps and its newest log lines (or those before `beforeSeq`), oldest first. */
export async function getJobDetail(db: Db, id: string, opts: { beforeSeq?: number } = {}): Promise<JobDetail> {
  const row = await db.job.findUnique({ where: { id }, include: jobWithSteps });
  if (!row) throw new AppError("NOT_FOUND", `no job with id ${id}`);
  const where = { jobId: id, ...(opts.beforeSeq ? { seq: { lt: opts.beforeSeq } } : {}) };
  const [lines, total] = await Promise.all([
    db.jobLog.findMany({ where, orderBy: { seq: "desc" }, take: JOB_LOG_PAGE }),
    db.jobLog.count({ where }),
  ]);
  return { ...toJobView(row), logs: lines.reverse().map(toJobLogLine), earlierLogs: total - lines.length };
}
