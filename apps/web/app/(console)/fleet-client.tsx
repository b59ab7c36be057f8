"use client";

import { useState } from "react";
import { ApiError } from "@/src/client/api-error";
import { AddClusterDialog } from "@/src/client/fleet/add-cluster-dialog";
import { FleetEmptyState } from "@/src/client/fleet/fleet-empty-state";
import { FleetFilterBar } from "@/src/client/fleet/fleet-filter-bar";
import { FleetSummary } from "@/src/client/fleet/fleet-summary";
import { groupClustersBySite } from "@/src/client/fleet/group-clusters-by-site";
import { SiteClusterTable } from "@/src/client/fleet/site-cluster-table";
import { useClusterList } from "@/src/client/fleet/use-cluster-list";
import { useFleetFilter } from "@/src/client/fleet/use-fleet-filter";
import { useSites } from "@/src/client/sites/use-sites";
import { Button } from "@/src/client/ui/button";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";

/** The fleet overview: counters, filter, clusters grouped by site, and "Add cluster". */
export function FleetClient({ canOperate }: { canOperate: boolean }) {
  const { filter, setFilter } = useFleetFilter();
  const clusters = useClusterList(filter);
  const sites = useSites();
  const [adding, setAdding] = useState(false);

  const filtered = filter.selector !== "" || filter.search !== "";
  const selectorError = clusters.error instanceof ApiError && clusters.error.status === 422 ? clusters.error.message : undefined;
  const hasSites = (sites.data?.length ?? 0) > 0;
  const fleetEmpty = !filtered && clusters.data?.length === 0;

  return (
    <>
      <PageHeader
        title="Fleet"
        description="Every k3s cluster at every site, live."
        actions={
          canOperate && hasSites ? (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add cluster
            </Button>
          ) : undefined
        }
      />
      {clusters.data && !fleetEmpty && <FleetSummary clusters={clusters.data} filtered={filtered} />}
      {!fleetEmpty && <FleetFilterBar filter={filter} onChange={setFilter} selectorError={selectorError} />}

      {clusters.isPending ? (
        <LoadingRows label="Loading clusters…" />
      ) : selectorError ? (
        <p className="text-sm text-slate-500">Fix the label selector to see clusters.</p>
      ) : clusters.isError ? (
        <ErrorAlert error={clusters.error} />
      ) : fleetEmpty ? (
        <FleetEmptyState canOperate={canOperate} hasSites={hasSites} onAddCluster={() => setAdding(true)} />
      ) : clusters.data.length === 0 ? (
        <EmptyState title="No clusters match" actions={<Button onClick={() => setFilter({ selector: "", search: "" })}>Clear filter</Button>}>
          Nothing matches <code className="font-mono">{[filter.selector, filter.search].filter(Boolean).join(" · ")}</code>.
        </EmptyState>
      ) : (
        <div className={`space-y-8 transition-opacity ${clusters.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={clusters.isPlaceholderData}>
          {groupClustersBySite(clusters.data).map((g) => (
            <SiteClusterTable key={g.siteId} group={g} />
          ))}
        </div>
      )}

      {canOperate && <AddClusterDialog open={adding} onClose={() => setAdding(false)} sites={sites.data ?? []} />}
    </>
  );
}
