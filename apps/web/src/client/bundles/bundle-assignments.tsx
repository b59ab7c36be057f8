"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { BundleAssignmentView, BundleDetail } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** The bundle's assignments as chips; operators can remove one after confirming. */
export function BundleAssignments({ bundle, canOperate }: { bundle: BundleDetail; canOperate: boolean }) {
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<BundleAssignmentView | null>(null);
  const remove = useMutation({
    mutationFn: (a: BundleAssignmentView) => apiFetch<BundleDetail>(`/api/v1/bundles/${encodeURIComponent(bundle.id)}/assignments/${encodeURIComponent(a.id)}`, { method: "DELETE" }),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.bundles.detail(bundle.id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.bundles.list() });
      setRemoving(null);
    },
  });
  const describe = (a: BundleAssignmentView) => (a.clusterName ? `cluster ${a.clusterName}` : `clusters matching ${a.selector}`);

  if (bundle.assignments.length === 0) return <p className="text-sm text-slate-600">Not assigned to any cluster yet.</p>;
  return (
    <>
      <ul className="flex flex-wrap gap-2" aria-label="Assignments">
        {bundle.assignments.map((a) => (
          <li key={a.id} className="flex items-center gap-2 rounded-full bg-slate-100 py-1 pr-1 pl-3 text-sm text-slate-800 ring-1 ring-slate-200">
            <span className={a.selector ? "font-mono text-xs" : ""}>{a.clusterName ?? a.selector}</span>
            {a.origin === "import" && <span className="text-xs text-slate-500">(USB import)</span>}
            {canOperate && (
              <Button size="sm" variant="ghost" className="rounded-full px-2" onClick={() => setRemoving(a)} aria-label={`Remove assignment to ${describe(a)}`}>
                ×
              </Button>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove assignment"
        confirmLabel="Remove assignment"
        onConfirm={() => removing && remove.mutate(removing)}
        pending={remove.isPending}
        error={remove.error}
      >
        {removing && (
          <p>
            The bundle will no longer be wanted on {describe(removing)}. Devices drop its blobs from their store; files it already placed (k3s
            binary, images, charts) stay where k3s uses them.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
