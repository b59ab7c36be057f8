"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ClusterSummary } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** "Delete cluster", confirmed by typing the cluster's name; goes back to the fleet after. */
export function DeleteClusterButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/v1/clusters/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      setOpen(false);
      router.push("/");
      // Take it out of cached lists now: the fleet page renders from cache before it refetches.
      queryClient.setQueriesData<ClusterSummary[]>({ queryKey: queryKeys.clusters.lists() }, (list) => list?.filter((c) => c.id !== id));
      void queryClient.invalidateQueries({ queryKey: queryKeys.clusters.lists() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.sites.all() });
    },
  });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete cluster
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => {
          setOpen(false);
          remove.reset();
        }}
        title={`Delete cluster ${name}?`}
        confirmLabel="Delete cluster"
        typeToConfirm={name}
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
        error={remove.error}
      >
        <p>
          Outpost forgets the cluster and its agent&apos;s credentials; the agent can no longer connect. Nothing on the device is uninstalled
          and k3s keeps running.
        </p>
      </ConfirmDialog>
    </>
  );
}
