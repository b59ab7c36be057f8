"use client";

import { useState } from "react";
import { STATUS_REASONS, formatHumanDuration, type StatusReason } from "@outpost/cluster-core";
import { formatDateTime } from "../format-date-time";
import { EmptyState } from "../ui/empty-state";
import { ErrorAlert } from "../ui/error-alert";
import { LoadingRows } from "../ui/loading-rows";
import { RelativeTime } from "../ui/relative-time";
import { tableClasses } from "../ui/table-classes";
import { TableHead } from "../ui/table-head";
import { StatusTimelineBar } from "./status-timeline-bar";
import { useNow } from "../use-now";
import { useClusterHistory } from "./use-cluster-history";

const WINDOWS = [
  { days: 1, label: "24 h" },
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
];

/** The cluster's outage history: how often and how long it was offline, as a bar and as a list of transitions. */
export function StatusHistoryPanel({ id }: { id: string }) {
  const [days, setDays] = useState(1);
  const history = useClusterHistory(id, days);
  const now = useNow();
  const period = WINDOWS.find((w) => w.days === days)!.label;
  return (
    <section aria-label="Status history">
      <div role="radiogroup" aria-label="Period" className="mb-4 inline-flex rounded-md shadow-sm ring-1 ring-slate-300">
        {WINDOWS.map((w) => (
          <button
            key={w.days}
            type="button"
            role="radio"
            aria-checked={days === w.days}
            onClick={() => setDays(w.days)}
            className={`px-3 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md ${days === w.days ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {w.label}
          </button>
        ))}
      </div>
      {history.isPending ? (
        <LoadingRows label="Loading history…" />
      ) : history.isError ? (
        <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-700" data-testid="outage-summary">
            <span className={history.data.outages > 0 ? "font-semibold text-red-700" : "font-semibold"}>
              {history.data.outages} {history.data.outages === 1 ? "outage" : "outages"} in {period}
            </span>
            {history.data.offlineSeconds > 0 && <> · offline {formatHumanDuration(history.data.offlineSeconds * 1000)} in total</>}
          </p>
          <StatusTimelineBar history={history.data} />
          {history.data.events.length === 0 ? (
            <EmptyState title={`No status changes in ${period}`}>The cluster has been {history.data.statusAtStart === "pending" ? "waiting for its agent" : history.data.statusAtStart} the whole time.</EmptyState>
          ) : (
            <div className={tableClasses.wrapper}>
              <table className={tableClasses.table} aria-label="Status changes">
                <TableHead columns={["When", "Change", "For", "Why"]} />
                <tbody className={tableClasses.body}>
                  {history.data.events.map((e, i) => {
                    const until = i === 0 ? now : Date.parse(history.data.events[i - 1]!.at);
                    return (
                      <tr key={`${e.at}-${i}`} data-to={e.to}>
                        <td className={`${tableClasses.td} whitespace-nowrap`}>
                          <RelativeTime iso={e.at} />
                          <span className="block text-xs text-slate-600">{formatDateTime(e.at)}</span>
                        </td>
                        <td className={`${tableClasses.td} whitespace-nowrap`}>
                          {e.from} → <span className={e.to === "offline" ? "font-semibold text-red-700" : "font-medium text-slate-900"}>{e.to}</span>
                        </td>
                        <td className={`${tableClasses.td} whitespace-nowrap`}>{i === 0 ? `${formatHumanDuration(until - Date.parse(e.at))} so far` : formatHumanDuration(until - Date.parse(e.at))}</td>
                        <td className={`${tableClasses.td} text-xs`}>{STATUS_REASONS[e.reason as StatusReason] ?? e.reason}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {history.data.truncated && <p className="mt-2 text-xs text-slate-600">Only the newest 1,000 changes are listed.</p>}
        </>
      )}
    </section>
  );
}
