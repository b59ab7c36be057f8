"use client";

import { useContext, useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { JobDetail, JobLogEvent } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { LiveSocketContext } from "../live-status-context";
import { queryKeys } from "../query-keys";
import { mergeJobLogs } from "./merge-job-logs";

/**
 * A job with its log, kept live: status from job:updated pushes, lines from job:log while shown.
 * A fetch and the pushes overlap (lines are pushed as they are written, stored a moment later),
 * so fetched and pushed lines are merged by seq, and a gap in the pushed seqs fetches again.
 */
export function useJob(id: string) {
  const queryClient = useQueryClient();
  const socket = useContext(LiveSocketContext);
  const key = queryKeys.jobs.detail(id);
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const fetched = await apiFetch<JobDetail>(`/api/v1/jobs/${encodeURIComponent(id)}`, { signal });
      const cached = queryClient.getQueryData<JobDetail>(key);
      return cached ? { ...fetched, logs: mergeJobLogs(fetched.logs, cached.logs) } : fetched;
    },
  });

  useEffect(() => {
    if (!socket) return;
    const onLog = (event: JobLogEvent) => {
      if (event.jobId !== id) return;
      let gap = false;
      queryClient.setQueryData<JobDetail>(queryKeys.jobs.detail(id), (job) => {
        if (!job) return job;
        const last = job.logs.at(-1)?.seq ?? 0;
        gap = (event.lines[0]?.seq ?? 0) > last + 1;
        return { ...job, logs: mergeJobLogs(job.logs, event.lines) };
      });
      if (gap) void queryClient.invalidateQueries({ queryKey: queryKeys.jobs.detail(id) });
    };
    // Lines pushed before the watch held are fetched once it does.
    const watch = () => socket.emit("job:watch", { jobId: id }, () => void queryClient.invalidateQueries({ queryKey: queryKeys.jobs.detail(id) }));
    socket.on("job:log", onLog);
    socket.on("connect", watch);
    if (socket.connected) watch();
    return () => {
      socket.off("job:log", onLog);
      socket.off("connect", watch);
      if (socket.connected) socket.emit("job:unwatch", { jobId: id }, () => {});
    };
  }, [socket, id, queryClient]);

  return query;
}
