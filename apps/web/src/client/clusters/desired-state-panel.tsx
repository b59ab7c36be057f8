"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DesiredStateView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { ErrorAlert } from "../ui/error-alert";
import { ModalDialog } from "../ui/modal-dialog";
import { inputClasses } from "../ui/input-classes";
import { tableClasses } from "../ui/table-classes";
import { TableHead } from "../ui/table-head";
import { FormActions } from "../ui/form-actions";

const SOURCE_ANNOTATION = "outpost.io/source";
const sourceOf = (m: DesiredStateView["manifests"][number]) => {
  const annotations = m.metadata.annotations as Record<string, unknown> | undefined;
  return typeof annotations?.[SOURCE_ANNOTATION] === "string" ? annotations[SOURCE_ANNOTATION] : "operator";
};

/**
 * What the centre wants on this cluster: the agent caches it on the device and keeps applying
 * it, link or no link. It is composed from sources (access bindings, rollouts, bundles and the
 * operator's own manifests); operators replace their own part as a JSON list (a new generation).
 */
export function DesiredStatePanel({ id, canOperate }: { id: string; canOperate: boolean }) {
  const path = `/api/v1/clusters/${encodeURIComponent(id)}/desired-state`;
  const query = useQuery({ queryKey: queryKeys.clusters.desiredState(id), queryFn: ({ signal }) => apiFetch<DesiredStateView>(path, { signal }), refetchInterval: 10_000 });
  const [editing, setEditing] = useState(false);
  const [parseError, setParseError] = useState<string>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (manifests: unknown) => apiFetch<DesiredStateView>(path, { method: "PUT", body: { manifests } }),
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.clusters.desiredState(id), view);
      setEditing(false);
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    try {
      const manifests: unknown = JSON.parse(String(new FormData(e.currentTarget).get("manifests") ?? ""));
      setParseError(undefined);
      save.mutate(manifests);
    } catch {
      setParseError("That is not valid JSON: paste a JSON array of Kubernetes objects.");
    }
  }

  if (query.isPending) return <p className="text-sm text-slate-500">Loading desired state…</p>;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const view = query.data;
  const inSync = view.appliedGeneration >= view.generation;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700">
          Generation <span className="font-semibold tabular-nums">{view.generation}</span>
          {view.generation > 0 && (
            <>
              {" · "}
              {inSync ? <Badge tone="green">Applied by the agent</Badge> : <Badge tone="amber">Not yet applied (the agent takes it when connected)</Badge>}
            </>
          )}
        </p>
        {canOperate && <Button onClick={() => setEditing(true)}>Edit operator manifests</Button>}
      </div>
      {view.manifests.length === 0 ? (
        <EmptyState title="Nothing desired yet">Objects listed here are applied with server-side apply and put back whenever they drift, even while the site is offline.</EmptyState>
      ) : (
        <div className={tableClasses.wrapper}>
          <table className={tableClasses.table} aria-label="Desired objects">
            <TableHead columns={["Kind", "Namespace", "Name", "Source"]} />
            <tbody className={tableClasses.body}>
              {view.manifests.map((m) => (
                <tr key={`${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`}>
                  <td className={tableClasses.td}>{m.kind}</td>
                  <td className={`${tableClasses.td} font-mono text-xs`}>{m.metadata.namespace ?? "—"}</td>
                  <td className={`${tableClasses.td} font-mono text-xs`}>{m.metadata.name}</td>
                  <td className={`${tableClasses.td} font-mono text-xs`}>{sourceOf(m)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ModalDialog open={editing} onClose={() => setEditing(false)} title="Edit operator manifests" description="A JSON array of Kubernetes objects, besides those other sources (access, rollouts) put there. Saving makes a new generation; objects you remove are deleted from the cluster." wide>
        <form onSubmit={onSubmit} className="space-y-3">
          <label htmlFor="desired-manifests" className="block text-sm font-medium text-slate-700">
            Manifests (JSON)
          </label>
          <textarea id="desired-manifests" name="manifests" rows={14} defaultValue={JSON.stringify(view.sources.find((s) => s.source === "operator")?.manifests ?? [], null, 2)} className={`${inputClasses()} font-mono text-xs`} />
          {parseError && (
            <p role="alert" className="text-sm text-red-700">
              {parseError}
            </p>
          )}
          {save.isError && <ErrorAlert error={save.error} />}
          <FormActions onCancel={() => setEditing(false)} pending={save.isPending} label="Save new generation" pendingLabel="Saving…" />
        </form>
      </ModalDialog>
    </div>
  );
}
