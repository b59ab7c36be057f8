"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RolloutDetail } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorAlert } from "../ui/error-alert";
import { inputClasses } from "../ui/input-classes";

type Dialog = "halt" | "rollback" | "delete" | null;

/** Halt, resume, retry failed, approve next wave, roll back, delete: whichever the rollout allows now. */
export function RolloutActions({ rollout }: { rollout: RolloutDetail }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState("");
  const act = useMutation({
    mutationFn: ({ path, method = "POST", body }: { path: string; method?: "POST" | "DELETE"; body?: unknown }) => apiFetch<{ id?: string }>(`/api/v1/rollouts/${rollout.id}${path}`, { method, body }),
    onSuccess: (res, vars) => {
      setDialog(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.rollouts.all() });
      if (vars.path === "/rollback" && res?.id) router.push(`/rollouts/${res.id}`);
      if (vars.method === "DELETE") router.push("/rollouts");
    },
  });
  const a = rollout.actions;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {a.approve && (
        <Button variant="primary" onClick={() => act.mutate({ path: "/approve" })} disabled={act.isPending}>
          Approve next wave
        </Button>
      )}
      {a.resume && (
        <Button variant="primary" onClick={() => act.mutate({ path: "/resume" })} disabled={act.isPending}>
          Resume
        </Button>
      )}
      {a.retry && (
        <Button onClick={() => act.mutate({ path: "/retry" })} disabled={act.isPending}>
          Retry failed &amp; skipped
        </Button>
      )}
      {a.halt && (
        <Button variant="danger" onClick={() => setDialog("halt")}>
          Halt
        </Button>
      )}
      {a.rollback && <Button onClick={() => setDialog("rollback")}>Roll back</Button>}
      <Button variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setDialog("delete")}>
        Delete
      </Button>
      {dialog === null && <ErrorAlert className="w-full" error={act.error} />}
      <ConfirmDialog
        open={dialog === "halt"}
        onClose={() => setDialog(null)}
        title="Halt this rollout?"
        confirmLabel="Halt rollout"
        onConfirm={() => act.mutate({ path: "/halt", body: { reason } })}
        pending={act.isPending}
        error={act.error}
      >
        <p>No more clusters are changed until you resume. Clusters already applying finish on their own.</p>
        <label className="mt-3 block text-sm text-slate-700" htmlFor="halt-reason">
          Reason (shown on the rollout)
        </label>
        <input id="halt-reason" value={reason} onChange={(e) => setReason(e.target.value)} className={inputClasses()} placeholder="e.g. checkout errors in store-12" />
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "rollback"}
        onClose={() => setDialog(null)}
        title="Roll back this rollout?"
        confirmLabel="Roll back"
        onConfirm={() => act.mutate({ path: "/rollback" })}
        pending={act.isPending}
        error={act.error}
      >
        <p>
          Every cluster that received {rollout.chart.name} {rollout.chart.version} gets back the version and values it ran before, at once and
          regardless of maintenance windows. Clusters that had no earlier version lose the release. The rollback is tracked as a new rollout.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "delete"}
        onClose={() => setDialog(null)}
        title="Delete this rollout?"
        confirmLabel="Delete rollout"
        typeToConfirm={rollout.releaseName}
        onConfirm={() => act.mutate({ path: "", method: "DELETE" })}
        pending={act.isPending}
        error={act.error}
      >
        <p>Its history goes, and on every cluster where it is the latest rollout of {rollout.releaseName}, the HelmChart is removed: helm-controller uninstalls the release there.</p>
      </ConfirmDialog>
    </div>
  );
}
