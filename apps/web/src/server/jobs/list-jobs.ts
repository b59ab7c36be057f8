import type { JobView } from "@outpost/cluster-core";
import type { Prisma } from "../../../generated/prisma-sqlite";
import type { Db } from "../db/open-database";
import { jobWithSteps, toJobView } from "./to-job-view";

export interface JobListFilter {
  targetType?: string;
  targetId?: string;
  limit?: number;
  /** visibleJobsWhere of the caller. */
  visible?: Prisma.JobWhereInput;
}

/** Newest jobs first, optionally those of one target (a device, a cluster), within the caller's grants. */
export async function listJobs(db: Db, filter: JobListFilter = {}): Promise<JobView[]> {
  const rows = await db.job.findMany({
    where: { AND: [filter.visible ?? {}, { ...(filter.targetType ? { targetType: filter.targetType } : {}), ...(filter.targetId ? { targetId: filter.targetId } : {}) }] },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(filter.limit ?? 50, 1), 200),
    include: jobWithSteps,
  });
  return rows.map(toJobView);
}
