"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SiteView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** Confirms deleting a site; the server refuses (409) while clusters still belong to it, and says so here. */
export function DeleteSiteDialog({ site, onClose }: { site: SiteView | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/sites/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.sites.all() });
      close();
    },
  });
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={site !== null}
      onClose={close}
      title={`Delete site ${site?.name ?? ""}?`}
      confirmLabel="Delete site"
      onConfirm={() => site && remove.mutate(site.id)}
      pending={remove.isPending}
      error={remove.error}
    >
      {site && site.clusterCount > 0 ? (
        <p>
          This site still has {site.clusterCount} {site.clusterCount === 1 ? "cluster" : "clusters"}. Delete or move them first.
        </p>
      ) : (
        <p>The site has no clusters. This cannot be undone.</p>
      )}
    </ConfirmDialog>
  );
}
