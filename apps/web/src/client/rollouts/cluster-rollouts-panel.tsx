"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ClusterRolloutHistoryEntry, ClusterRolloutPause } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { formatDateTime } from "../format-date-time";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { ErrorAlert } from "../ui/error-alert";
import { inputClasses } from "../ui/input-classes";
import { tableClasses } from "../ui/table-classes";
import { TableHead } from "../ui/table-head";
import { TargetStatusBadge } from "./target-status-badge";

/** A cluster's rollout pause (who, why; operators toggle it) and what rollouts did to it. */
export function ClusterRolloutsPanel({ clusterId, canOperate }: { clusterId: string; canOperate: boolean }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const pause = useQuery({
    queryKey: queryKeys.rollouts.clusterPause(clusterId),
    queryFn: ({ signal }) => apiFetch<{ pause: ClusterRolloutPause | null }>(`/api/v1/clusters/${clusterId}/rollout-pause`, { signal }),
  });
  const history = useQuery({
    queryKey: queryKeys.rollouts.clusterHistory(clusterId),
    queryFn: ({ signal }) => apiFetch<ClusterRolloutHistoryEntry[]>(`/api/v1/clusters/${clusterId}/rollout-history`, { signal }),
  });
  const toggle = useMutation({
    mutationFn: (body: { reason: string } | null) => apiFetch(`/api/v1/clusters/${clusterId}/rollout-pause`, body ? { method: "PUT", body } : { method: "DELETE" }),
    onSuccess: () => {
      setReason("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.rollouts.all() });
    },
  });
  const paused = pause.data?.pause ?? null;
  return (
    <div className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {paused ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p>
              <span className="font-semibold text-violet-800">Rollouts paused</span> by {paused.pausedBy} {formatDateTime(paused.pausedAt)}: {paused.reason}
            </p>
            {canOperate && (
              <Button onClick={() => toggle.mutate(null)} disabled={toggle.isPending}>
                Resume rollouts here
              </Button>
            )}
          </div>
        ) : canOperate ? (
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) toggle.mutate({ reason: reason.trim() });
            }}
          >
            <label htmlFor="pause-reason" className="text-slate-700">
              Pause rollouts on this cluster during critical operations:
            </label>
            <input id="pause-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="why, e.g. stocktaking until Monday" className={`${inputClasses()} max-w-sm`} />
            <Button type="submit" disabled={!reason.trim() || toggle.isPending}>
              Pause rollouts
            </Button>
          </form>
        ) : (
          <p className="text-slate-600">Rollouts may change this cluster.</p>
        )}
        <ErrorAlert className="mt-2" error={toggle.error ?? pause.error} />
      </div>
      {history.isError ? (
        <ErrorAlert error={history.error} />
      ) : history.data?.length === 0 ? (
        <EmptyState title="No rollouts have reached this cluster" />
      ) : (
        <div className={tableClasses.wrapper}>
          <table className={tableClasses.table} aria-label="Rollout history">
            <TableHead columns={["Release", "Version", "State", "Detail", "Sent"]} />
            <tbody className={tableClasses.body}>
              {history.data?.map((h) => (
                <tr key={h.rolloutId}>
                  <td className={tableClasses.td}>
                    <Link href={`/rollouts/${h.rolloutId}`} className="text-indigo-700 hover:underline">
                      {h.releaseName}
                    </Link>
                    {h.kind === "rollback" && <span className="ml-1 text-xs text-amber-700">(rollback)</span>}
                  </td>
                  <td className={`${tableClasses.td} font-mono text-xs`}>{h.version}</td>
                  <td className={tableClasses.td}>
                    <TargetStatusBadge status={h.phase === "pending" ? "queued" : h.phase} />
                  </td>
                  <td className={`${tableClasses.td} text-xs text-slate-600`}>{h.reason}</td>
                  <td className={`${tableClasses.td} text-xs whitespace-nowrap text-slate-500`}>{h.dispatchedAt ? formatDateTime(h.dispatchedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
