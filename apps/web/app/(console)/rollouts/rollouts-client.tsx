"use client";

import Link from "next/link";
import { ChartRepositoriesPanel } from "@/src/client/charts/chart-repositories-panel";
import { ChartTable } from "@/src/client/charts/chart-table";
import { UploadChartButton } from "@/src/client/charts/upload-chart-button";
import { useCharts } from "@/src/client/charts/use-charts";
import { RolloutTable } from "@/src/client/rollouts/rollout-table";
import { useRollouts } from "@/src/client/rollouts/use-rollouts";
import { buttonClasses } from "@/src/client/ui/button-classes";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";
import { Tabs } from "@/src/client/ui/tabs";

/** Rollouts, the charts they ship and the repositories charts come from. */
export function RolloutsClient({ canOperate }: { canOperate: boolean }) {
  const rollouts = useRollouts();
  const charts = useCharts();
  const newRollout = canOperate ? (
    <Link href="/rollouts/new" className={buttonClasses("primary", "md")}>
      New rollout
    </Link>
  ) : undefined;
  return (
    <>
      <PageHeader title="Rollouts" description="Ship a chart version to many sites: a canary first, then waves, inside each site's maintenance window." actions={newRollout} />
      <Tabs
        label="Rollouts and charts"
        items={[
          {
            id: "rollouts",
            label: "Rollouts",
            count: rollouts.data?.length,
            panel: rollouts.isPending ? (
              <LoadingRows label="Loading rollouts…" />
            ) : rollouts.isError ? (
              <ErrorAlert error={rollouts.error} />
            ) : rollouts.data.length === 0 ? (
              <EmptyState title="No rollouts yet" actions={newRollout}>
                Upload a chart or add a Helm repository under Charts, then start a rollout: pick the clusters by label, a canary and the size of each wave.
              </EmptyState>
            ) : (
              <RolloutTable rollouts={rollouts.data} />
            ),
          },
          {
            id: "charts",
            label: "Charts",
            count: charts.data?.length,
            panel: (
              <div className="space-y-4">
                {canOperate && (
                  <div className="flex justify-end">
                    <UploadChartButton />
                  </div>
                )}
                {charts.isPending ? (
                  <LoadingRows label="Loading charts…" />
                ) : charts.isError ? (
                  <ErrorAlert error={charts.error} />
                ) : charts.data.length === 0 ? (
                  <EmptyState title="No charts yet">Upload a packaged chart (helm package gives a .tgz) or import a version from a Helm repository.</EmptyState>
                ) : (
                  <ChartTable charts={charts.data} />
                )}
              </div>
            ),
          },
          { id: "repositories", label: "Repositories", panel: <ChartRepositoriesPanel canOperate={canOperate} /> },
        ]}
      />
    </>
  );
}
