"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ClusterSummary } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { SiteOptions } from "../sites/site-options";
import { useSites } from "../sites/use-sites";
import { Button } from "../ui/button";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { ModalDialog } from "../ui/modal-dialog";

/** Moves a cluster to another site (operators): a shop that was re-planned, a device that was carried elsewhere. */
export function MoveClusterButton({ id, name, siteId }: { id: string; name: string; siteId: string }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const queryClient = useQueryClient();
  const sites = useSites();
  const others = (sites.data ?? []).filter((s) => s.id !== siteId);
  const fieldError = error ?? (sites.isSuccess && others.length === 0 ? "there is no other site yet: create one on the Sites page" : undefined);
  const move = useMutation({
    mutationFn: (target: string) => apiFetch<ClusterSummary>(`/api/v1/clusters/${encodeURIComponent(id)}`, { method: "PATCH", body: { siteId: target } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.clusters.all() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.sites.all() });
      close();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const target = String(new FormData(e.currentTarget).get("site") ?? "");
    setError(target ? undefined : "choose the site the cluster moves to");
    if (target) move.mutate(target);
  }

  function close() {
    setOpen(false);
    setError(undefined);
    move.reset();
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Move</Button>
      <ModalDialog open={open} onClose={close} title={`Move ${name} to another site`} description="Filters, alert rules and bundle transfer limits of the new site apply from now on.">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormField id="move-cluster-site" label="New site" error={fieldError}>
            <select id="move-cluster-site" name="site" defaultValue="" aria-invalid={!!fieldError} aria-describedby={fieldError ? "move-cluster-site-error" : undefined} className={inputClasses(!!fieldError)}>
              <SiteOptions sites={others} prompt={sites.isPending ? "Loading sites…" : "Choose a site"} />
            </select>
          </FormField>
          <ErrorAlert error={move.error ?? sites.error} onRetry={sites.isError ? () => void sites.refetch() : undefined} />
          <FormActions onCancel={close} pending={move.isPending} label="Move cluster" pendingLabel="Moving…" />
        </form>
      </ModalDialog>
    </>
  );
}
