"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatBytes, type BundleDetail } from "@outpost/cluster-core";
import { apiFetch } from "@/src/client/api-fetch";
import { AssignBundleForm } from "@/src/client/bundles/assign-bundle-form";
import { BundleAssignments } from "@/src/client/bundles/bundle-assignments";
import { BundleClustersTable } from "@/src/client/bundles/bundle-clusters-table";
import { BundleContentsTable } from "@/src/client/bundles/bundle-contents-table";
import { useBundleDetail } from "@/src/client/bundles/use-bundle-detail";
import { queryKeys } from "@/src/client/query-keys";
import { Button } from "@/src/client/ui/button";
import { ConfirmDialog } from "@/src/client/ui/confirm-dialog";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { ModalDialog } from "@/src/client/ui/modal-dialog";
import { PageHeader } from "@/src/client/ui/page-header";

interface BundleDetailClientProps {
  id: string;
  initialData: BundleDetail;
  canOperate: boolean;
}

/** One bundle: its files, where it is assigned, and its live state on every cluster. */
export function BundleDetailClient({ id, initialData, canOperate }: BundleDetailClientProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useBundleDetail(id, initialData);
  const [assigning, setAssigning] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/v1/bundles/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.bundles.all() });
      router.push("/bundles");
    },
  });
  const b = query.data;
  const actions = canOperate ? (
    <>
      <Button variant="primary" onClick={() => setAssigning(true)}>
        Assign
      </Button>
      <Button variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setDeleting(true)}>
        Delete
      </Button>
    </>
  ) : undefined;

  return (
    <>
      <PageHeader
        title={`${b.name} ${b.version}`}
        description={`${b.blobCount} file(s), ${formatBytes(b.totalBytes)} · ${b.arch}${b.k3sVersion ? ` · k3s ${b.k3sVersion}` : ""} · signed by key ${b.keyId} · uploaded by ${b.createdBy}`}
        actions={actions}
      />
      {query.isError && <ErrorAlert className="mb-4" error={query.error} />}
      <section className="mb-8 space-y-3" aria-labelledby="clusters-heading">
        <h2 id="clusters-heading" className="text-base font-semibold text-slate-900">
          Clusters
        </h2>
        <BundleAssignments bundle={b} canOperate={canOperate} />
        {b.clusters.length === 0 ? (
          <EmptyState title="No cluster holds this bundle yet" actions={actions && <Button onClick={() => setAssigning(true)}>Assign to clusters</Button>}>
            Assign it to one cluster or to every cluster matching a label selector; devices fetch it over their tunnel (within their site&apos;s
            bandwidth cap and transfer window), or import it from a USB stick with <code className="font-mono">outpost-agent import</code>.
          </EmptyState>
        ) : (
          <BundleClustersTable clusters={b.clusters} />
        )}
      </section>
      <section className="space-y-3" aria-labelledby="contents-heading">
        <h2 id="contents-heading" className="text-base font-semibold text-slate-900">
          Contents
        </h2>
        <BundleContentsTable blobs={b.blobs} />
      </section>
      {canOperate && (
        <>
          <ModalDialog open={assigning} onClose={() => setAssigning(false)} title={`Assign ${b.name} ${b.version}`}>
            <AssignBundleForm bundle={b} onDone={() => setAssigning(false)} />
          </ModalDialog>
          <ConfirmDialog open={deleting} onClose={() => setDeleting(false)} title="Delete bundle" confirmLabel="Delete bundle" onConfirm={() => remove.mutate()} pending={remove.isPending} error={remove.error} typeToConfirm={b.name}>
            <p>
              Devices drop it from their stores ({b.targetedClusters} cluster(s) should hold it now); files it placed stay. The centre removes its blobs
              unless another bundle uses them. This cannot be undone.
            </p>
          </ConfirmDialog>
        </>
      )}
    </>
  );
}
