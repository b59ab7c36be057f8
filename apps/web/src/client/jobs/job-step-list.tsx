"use client";

import type { JobStepView } from "@outpost/cluster-core";
import { useNow } from "../use-now";
import { formatDurationBetween } from "./format-duration-between";
import { JobStatusBadge } from "./job-status-badge";

/** The job's steps in order: status, time taken, attempts, progress while running, the error of a failed one. */
export function JobStepList({ steps }: { steps: JobStepView[] }) {
  const now = useNow();
  return (
    <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Steps">
      {steps.map((step) => (
        <li key={step.position} className="px-4 py-3" data-step={step.name}>
          <div className="flex flex-wrap items-center gap-3">
            <span className="w-5 text-right text-xs text-slate-400 tabular-nums">{step.position}</span>
            <span className="min-w-0 flex-1 text-sm font-medium text-slate-900">{step.title}</span>
            {step.attempts > 1 && <span className="text-xs text-slate-500">attempt {step.attempts}</span>}
            {step.startedAt && step.status !== "pending" && (
              <span className="text-xs text-slate-500 tabular-nums" suppressHydrationWarning>
                {formatDurationBetween(step.startedAt, step.status === "running" ? null : step.finishedAt, now)}
              </span>
            )}
            <JobStatusBadge status={step.status} />
          </div>
          {step.status === "running" && step.progress !== null && (
            <div className="mt-2 ml-8 flex items-center gap-3">
              <div
                role="progressbar"
                aria-label={`${step.title} progress`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(step.progress * 100)}
                className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100"
              >
                <div className="h-full rounded-full bg-indigo-500 transition-[width]" style={{ width: `${Math.round(step.progress * 100)}%` }} />
              </div>
              {step.detail && <span className="text-xs text-slate-500 tabular-nums">{step.detail}</span>}
            </div>
          )}
          {step.error && (step.status === "failed" || step.status === "interrupted") && (
            <p className={`mt-2 ml-8 text-sm ${step.status === "failed" ? "text-red-700" : "text-amber-800"}`}>{step.error}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
