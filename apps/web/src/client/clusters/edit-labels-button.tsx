"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ClusterDetail, ClusterSummary } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { formatLabelLines } from "../format-label-lines";
import { parseLabelLines } from "../parse-label-lines";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { ModalDialog } from "../ui/modal-dialog";
import { FormActions } from "../ui/form-actions";

/** Edits a cluster's labels as key=value lines (operators). */
export function EditLabelsButton({ id, labels }: { id: string; labels: Record<string, string> }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (next: Record<string, string>) => apiFetch<ClusterSummary>(`/api/v1/clusters/${encodeURIComponent(id)}`, { method: "PATCH", body: { labels: next } }),
    onSuccess: (_res, next) => {
      queryClient.setQueryData<ClusterDetail>(queryKeys.clusters.detail(id), (old) => (old ? { ...old, labels: next } : old));
      void queryClient.invalidateQueries({ queryKey: queryKeys.clusters.all() });
      setOpen(false);
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = parseLabelLines(String(new FormData(e.currentTarget).get("labels") ?? ""));
    setError(parsed.ok ? undefined : parsed.error);
    if (parsed.ok) save.mutate(parsed.labels);
  }

  const close = () => {
    setOpen(false);
    setError(undefined);
    save.reset();
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>Edit labels</Button>
      <ModalDialog open={open} onClose={close} title="Edit labels" description="Rollouts and filters select clusters by these labels.">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormField id="edit-labels" label="Labels" error={error} hint="One key=value per line; Ctrl+Enter saves">
            <textarea
              id="edit-labels"
              name="labels"
              rows={6}
              defaultValue={formatLabelLines(labels)}
              spellCheck={false}
              aria-invalid={!!error}
              aria-describedby={describedBy("edit-labels", error, true)}
              className={`${inputClasses(!!error)} font-mono`}
            />
          </FormField>
          <ErrorAlert error={save.error} />
          <FormActions onCancel={close} pending={save.isPending} label="Save labels" pendingLabel="Saving…" />
        </form>
      </ModalDialog>
    </>
  );
}
