import type { JobView } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { jobWithSteps, toJobView } from "./to-job-view";

export interface JobListFilter {
  targetType?: string;
  targetId?: string;
  limit?: number;
}

/** Newest jobs first, optionally those of one target (a device, a cluster). */
export async function listJobs(db: Db, filter: JobListFilter = {}): Promise<JobView[]> {
  const rows = await db.job.findMany({
    where: { ...(filter.targetType ? { targetType: filter.targetType } : {}), ...(filter.targetId ? { targetId: filter.targetId } : {}) },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(filter.limit ?? 50, 1), 200),
    include: jobWithSteps,
  });
  return rows.map(toJobView);
}
