import type { QueryClient } from "@tanstack/react-query";
import type { JobDetail, JobView } from "@outpost/cluster-core";
import { queryKeys } from "../query-keys";

/**
 * A job:updated push: the job's cached detail takes the new status and steps (its log stays, lines
 * come separately), and what lists jobs — devices — refetch when a job starts or ends.
 */
export function applyJobUpdate(queryClient: QueryClient, job: JobView): void {
  const previous = queryClient.getQueryData<JobDetail>(queryKeys.jobs.detail(job.id));
  if (previous) queryClient.setQueryData<JobDetail>(queryKeys.jobs.detail(job.id), { ...previous, ...job, logs: previous.logs, earlierLogs: previous.earlierLogs });
  if (!previous || previous.status !== job.status || job.targetType === "device") {
    void queryClient.invalidateQueries({ queryKey: queryKeys.devices.all() });
  }
}
