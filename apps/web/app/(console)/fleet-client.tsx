"use client";

import { useCallback, useState } from "react";
import { FLEET_PAGE_SIZES, fleetQueryToParams, type FleetPage, type FleetQuery } from "@outpost/cluster-core";
import { ApiError } from "@/src/client/api-error";
import { AddClusterDialog } from "@/src/client/fleet/add-cluster-dialog";
import { FleetCardList } from "@/src/client/fleet/fleet-card-list";
import { FleetCounters } from "@/src/client/fleet/fleet-counters";
import { FleetEmptyState } from "@/src/client/fleet/fleet-empty-state";
import { FleetFilterBar } from "@/src/client/fleet/fleet-filter-bar";
import { FleetSortSelect } from "@/src/client/fleet/fleet-sort-select";
import { FleetTable } from "@/src/client/fleet/fleet-table";
import { PendingRegistrations } from "@/src/client/fleet/pending-registrations";
import { SavedViewsMenu } from "@/src/client/fleet/saved-views-menu";
import { useFleetPage } from "@/src/client/fleet/use-fleet-page";
import { useFleetQuery } from "@/src/client/fleet/use-fleet-query";
import { useSites } from "@/src/client/sites/use-sites";
import { Button } from "@/src/client/ui/button";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";
import { Pagination } from "@/src/client/ui/pagination";

interface FleetClientProps {
  canOperate: boolean;
  /** What the server read for the address it rendered, so the first rows need no second request. */
  initial?: { query: FleetQuery; page: FleetPage };
}

/** The fleet list: counters that filter, filters in the URL, one flat sorted and paged list (grouped by site on request). */
export function FleetClient({ canOperate, initial }: FleetClientProps) {
  const { query, invalid, update } = useFleetQuery();
  const fleet = useFleetPage(query, initial);
  const sites = useSites();
  const [adding, setAdding] = useState(false);
  const onFilter = useCallback((patch: Partial<FleetQuery>, opts?: { push?: boolean }) => update(patch, opts), [update]);

  const selectorError = fleet.error instanceof ApiError && fleet.error.status === 422 ? fleet.error.message : undefined;
  const hasSites = (sites.data?.length ?? 0) > 0;
  const data = fleet.data;
  const fleetEmpty = data !== undefined && data.counters.clusters === 0 && !query.q && !query.selector && query.site.length === 0 && query.k3s.length === 0;
  const current = fleetQueryToParams({ ...query, page: 1 }).toString();

  return (
    <>
      <PageHeader
        title="Fleet"
        description="Every k3s cluster at every site, problems first, live."
        actions={
          canOperate && hasSites ? (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add cluster
            </Button>
          ) : undefined
        }
      />
      <PendingRegistrations canOperate={canOperate} />
      {invalid && (
        <ErrorAlert className="mb-4" error={`This address has a filter Outpost cannot read (${invalid}). Showing the whole fleet.`} onRetry={() => update({ ...query }, { push: true })} retryLabel="Reset the address" />
      )}
      {data && !fleetEmpty && <FleetCounters counters={data.counters} query={query} onFilter={(patch) => onFilter(patch, { push: true })} />}
      {!fleetEmpty && <FleetFilterBar query={query} onChange={onFilter} sites={sites.data ?? []} versions={data?.k3sVersions ?? []} selectorError={selectorError} />}
      {!fleetEmpty && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <SavedViewsMenu current={current} onOpen={(q) => window.history.pushState(null, "", q ? `/?${q}` : "/")} />
          <FleetSortSelect query={query} onSort={(sort, dir) => onFilter({ sort, dir }, { push: true })} />
        </div>
      )}

      {fleet.isPending ? (
        <LoadingRows label="Loading clusters…" />
      ) : selectorError ? (
        <p className="text-sm text-slate-600">Fix the label selector to see clusters.</p>
      ) : fleet.isError && !data ? (
        <ErrorAlert error={fleet.error} onRetry={() => void fleet.refetch()} />
      ) : fleetEmpty ? (
        <FleetEmptyState canOperate={canOperate} hasSites={hasSites} onAddCluster={() => setAdding(true)} />
      ) : data && data.total === 0 ? (
        <EmptyState title="No clusters match" actions={<Button onClick={() => onFilter({ q: "", selector: "", site: [], k3s: [], status: [], problem: undefined }, { push: true })}>Clear all filters</Button>}>
          No cluster matches these filters.
        </EmptyState>
      ) : data ? (
        <div className={`transition-opacity ${fleet.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={fleet.isPlaceholderData}>
          {fleet.isError && <ErrorAlert className="mb-3" error={fleet.error} onRetry={() => void fleet.refetch()} />}
          <div className="hidden md:block">
            <FleetTable clusters={data.items} query={query} onSort={(sort, dir) => onFilter({ sort, dir }, { push: true })} />
          </div>
          <div className="md:hidden">
            <FleetCardList clusters={data.items} query={query} />
          </div>
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            noun="clusters"
            onPage={(page) => onFilter({ page }, { push: true })}
            pageSizes={FLEET_PAGE_SIZES}
            onPageSize={(pageSize) => onFilter({ pageSize }, { push: true })}
          />
        </div>
      ) : null}

      {canOperate && <AddClusterDialog open={adding} onClose={() => setAdding(false)} sites={sites.data ?? []} />}
    </>
  );
}
