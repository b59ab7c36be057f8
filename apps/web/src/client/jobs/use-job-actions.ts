"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { JobView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { applyJobUpdate } from "./apply-job-update";

/** Retry (resume) and cancel of a job; the answer updates the cache at once, pushes follow. */
export function useJobActions(id: string) {
  const queryClient = useQueryClient();
  const post = (what: "retry" | "cancel") => apiFetch<JobView>(`/api/v1/jobs/${encodeURIComponent(id)}/${what}`, { method: "POST" });
  const onSuccess = (job: JobView) => applyJobUpdate(queryClient, job);
  const retry = useMutation({ mutationFn: () => post("retry"), onSuccess });
  const cancel = useMutation({ mutationFn: () => post("cancel"), onSuccess });
  return { retry, cancel };
}
