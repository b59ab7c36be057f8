"use client";

import { useState } from "react";
import type { PendingRegistrationView } from "@outpost/cluster-core";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { DeleteDialog } from "../ui/delete-dialog";
import { ErrorAlert } from "../ui/error-alert";
import { LabelChips } from "../ui/label-chips";
import { RelativeTime } from "../ui/relative-time";
import { usePendingRegistrations } from "./use-pending-registrations";

/**
 * Clusters on their way: registration commands issued but not yet used by an agent, each
 * revocable (the server decides who may). Nothing shows while there are none.
 */
export function PendingRegistrations({ canOperate }: { canOperate: boolean }) {
  const pending = usePendingRegistrations();
  const [revoking, setRevoking] = useState<PendingRegistrationView | null>(null);
  if (pending.isError) return <ErrorAlert className="mb-4" error={pending.error} onRetry={() => void pending.refetch()} />;
  const items = pending.data ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="pending-registrations-title" className="mb-5 rounded-lg border border-amber-200 bg-amber-50/60 p-3 sm:p-4">
      <h2 id="pending-registrations-title" className="text-sm font-semibold text-slate-900">
        Waiting for their agent ({items.length})
      </h2>
      <p className="mt-0.5 text-sm text-slate-700">Registration commands issued but not used yet. A cluster appears in the list once its agent registers.</p>
      <ul className="mt-3 divide-y divide-amber-200">
        {items.map((p) => (
          <li key={p.id} data-pending={p.clusterName} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-2">
            <div className="min-w-0 space-y-1">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-mono text-sm font-medium text-slate-900">{p.clusterName}</span>
                <span className="text-sm text-slate-700">at {p.siteName}</span>
              </p>
              <p className="text-xs text-slate-700">
                Issued by {p.issuedBy ?? "a deleted user"} <RelativeTime iso={p.createdAt} /> · expires <RelativeTime iso={p.expiresAt} />
              </p>
              {Object.keys(p.labels).length > 0 && <LabelChips labels={p.labels} />}
            </div>
            {canOperate && (
              <Button size="sm" variant="secondary" onClick={() => setRevoking(p)} aria-label={`Revoke the registration of ${p.clusterName}`}>
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
      <DeleteDialog
        path={revoking ? `/api/v1/registration-tokens/${encodeURIComponent(revoking.id)}` : null}
        title={`Revoke the registration of ${revoking?.clusterName ?? ""}?`}
        confirmLabel="Revoke"
        invalidates={queryKeys.clusters.pending()}
        onClose={() => setRevoking(null)}
      >
        The command issued for <span className="font-mono font-semibold">{revoking?.clusterName}</span> at {revoking?.siteName} stops working at once: an agent that
        runs it will be refused. Add the cluster again to issue a new command.
      </DeleteDialog>
    </section>
  );
}
