"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/src/client/api-fetch";
import { useChart } from "@/src/client/charts/use-charts";
import { queryKeys } from "@/src/client/query-keys";
import { RolloutTable } from "@/src/client/rollouts/rollout-table";
import { Button } from "@/src/client/ui/button";
import { buttonClasses } from "@/src/client/ui/button-classes";
import { ConfirmDialog } from "@/src/client/ui/confirm-dialog";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";

/** One chart version: where it came from, its default values and its rollouts (the chart's history). */
export function ChartClient({ id, canOperate }: { id: string; canOperate: boolean }) {
  const chart = useChart(id);
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/v1/charts/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.charts.all() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.rollouts.all() });
      router.push("/rollouts");
    },
  });
  if (chart.isPending) return <LoadingRows label="Loading the chart…" />;
  if (chart.isError) return <ErrorAlert error={chart.error} />;
  const c = chart.data;
  return (
    <>
      <PageHeader
        title={`${c.name} ${c.version}`}
        description={`${c.description || "Helm chart"}${c.appVersion ? ` · app ${c.appVersion}` : ""} · ${c.origin.kind === "upload" ? "uploaded" : `from ${c.origin.name} (${c.origin.url})`} by ${c.createdBy} · sha256 ${c.archiveDigest.slice(0, 12)}…`}
        actions={
          canOperate ? (
            <>
              <Link href={`/rollouts/new?chart=${c.id}`} className={buttonClasses("primary", "md")}>
                Roll out this version
              </Link>
              <Button variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setConfirm(true)}>
                Delete
              </Button>
            </>
          ) : undefined
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <section>
          <h2 className="mb-2 text-sm font-semibold text-slate-900">Rollouts of this version</h2>
          {c.rollouts.length === 0 ? <EmptyState title="Not rolled out yet" /> : <RolloutTable rollouts={c.rollouts} label={`Rollouts of ${c.name} ${c.version}`} />}
        </section>
        <section>
          <h2 className="mb-2 text-sm font-semibold text-slate-900">Default values (values.yaml)</h2>
          <pre className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-white p-3 text-xs">{c.defaultValues || "(the chart has no values.yaml)"}</pre>
        </section>
      </div>
      <ConfirmDialog open={confirm} onClose={() => setConfirm(false)} title={`Delete ${c.name} ${c.version}?`} confirmLabel="Delete chart" typeToConfirm={c.name} onConfirm={() => remove.mutate()} pending={remove.isPending} error={remove.error}>
        <p>Its {c.rolloutCount} rollout(s) are deleted too; where one of them is the latest of its release on a cluster, helm-controller uninstalls the release there.</p>
      </ConfirmDialog>
    </>
  );
}
