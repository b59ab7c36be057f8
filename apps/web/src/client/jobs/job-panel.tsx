"use client";

import { useState } from "react";
import { RETRYABLE_JOB_STATUSES } from "@outpost/cluster-core";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorAlert } from "../ui/error-alert";
import { LoadingRows } from "../ui/loading-rows";
import { RelativeTime } from "../ui/relative-time";
import { JobLogView } from "./job-log-view";
import { JobStatusBadge } from "./job-status-badge";
import { JobStepList } from "./job-step-list";
import { useJob } from "./use-job";
import { useJobActions } from "./use-job-actions";

/**
 * A job as it runs and afterwards: its steps, its live log, and for operators Retry (from the
 * failed step), Resume (after an interruption) and Cancel. Usable for any kind of job.
 */
export function JobPanel({ id, canOperate }: { id: string; canOperate: boolean }) {
  const job = useJob(id);
  const { retry, cancel } = useJobActions(id);
  const [confirmCancel, setConfirmCancel] = useState(false);
  if (job.isPending) return <LoadingRows label="Loading the job…" />;
  if (job.isError) return <ErrorAlert error={job.error} />;
  const j = job.data;
  const retryable = RETRYABLE_JOB_STATUSES.includes(j.status);
  const active = j.status === "queued" || j.status === "running";

  return (
    <section aria-label={`Job: ${j.title}`} data-status={j.status} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <h2 className="text-base font-semibold text-slate-900">{j.title}</h2>
            <JobStatusBadge status={j.status} />
          </div>
          <p className="mt-0.5 text-xs text-slate-500">
            started by {j.createdByName} <RelativeTime iso={j.createdAt} />
            {j.finishedAt && (
              <>
                {" "}· ended <RelativeTime iso={j.finishedAt} />
              </>
            )}
          </p>
        </div>
        {canOperate && (
          <div className="flex gap-2">
            {retryable && (
              <Button variant="primary" disabled={retry.isPending} onClick={() => retry.mutate()}>
                {j.status === "interrupted" ? "Resume" : j.status === "failed" ? "Retry failed step" : "Run again"}
              </Button>
            )}
            {active && (
              <Button disabled={j.cancelRequested || cancel.isPending} onClick={() => setConfirmCancel(true)}>
                {j.cancelRequested ? "Cancelling…" : "Cancel"}
              </Button>
            )}
          </div>
        )}
      </div>
      {j.error && j.status !== "succeeded" && (
        <p role="status" className={`rounded-md border px-3 py-2 text-sm ${j.status === "interrupted" ? "border-amber-200 bg-amber-50 text-amber-900" : "border-red-200 bg-red-50 text-red-800"}`}>
          {j.error}
        </p>
      )}
      <ErrorAlert error={retry.error ?? cancel.error} />
      <JobStepList steps={j.steps} />
      <JobLogView logs={j.logs} steps={j.steps} earlierLogs={j.earlierLogs} />
      <ConfirmDialog
        open={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title="Cancel this job?"
        confirmLabel="Cancel the job"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setConfirmCancel(false) })}
      >
        The running step is stopped where it is. Everything the job did so far stays; run it again later to finish — every step checks before it acts.
      </ConfirmDialog>
    </section>
  );
}
