"use client";

import { useCallback, useState } from "react";
import { ZAuditQuery, type AuditQuery } from "@outpost/cluster-core";
import { AuditFilterBar } from "@/src/client/audit/audit-filter-bar";
import { auditParams } from "@/src/client/audit/audit-params";
import { AuditTable } from "@/src/client/audit/audit-table";
import { useAuditEvents } from "@/src/client/audit/use-audit-events";
import { Button } from "@/src/client/ui/button";
import { buttonClasses } from "@/src/client/ui/button-classes";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";
import { Pagination } from "@/src/client/ui/pagination";

const PAGE_SIZES = [25, 50, 100, 200] as const;

/** The audit log: filtered, paged, newest first, with targets by name and a CSV export of the filter. */
export function AuditClient() {
  const [query, setQuery] = useState<AuditQuery>(() => ZAuditQuery.parse({}));
  const events = useAuditEvents(query);
  // A filter change goes back to page 1.
  const onFilter = useCallback((patch: Partial<AuditQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch })), []);
  const filter = { q: query.q, actor: query.actor, action: query.action, targetType: query.targetType, from: query.from, to: query.to };
  const filtered = Object.values(filter).some((v) => v !== "" && v !== undefined);
  const data = events.data;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, and when: sign-ins and every change to sites, clusters, users, tokens, bundles and alerts."
        actions={
          <>
            <a href={`/api/v1/audit/export?${auditParams(filter).toString()}`} download className={buttonClasses()}>
              Download CSV
            </a>
            <Button onClick={() => void events.refetch()} disabled={events.isFetching}>
              {events.isFetching ? "Refreshing…" : "Refresh"}
            </Button>
          </>
        }
      />
      <AuditFilterBar query={query} onChange={onFilter} lists={data} />
      {events.isPending ? (
        <LoadingRows label="Loading audit events…" />
      ) : events.isError && !data ? (
        <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
      ) : data && data.total === 0 ? (
        filtered ? (
          <EmptyState title="No events match" actions={<Button onClick={() => setQuery(ZAuditQuery.parse({}))}>Clear filters</Button>}>
            No recorded event matches these filters.
          </EmptyState>
        ) : (
          <EmptyState title="Nothing recorded yet">Sign-ins, and changes to sites, clusters, users and tokens appear here.</EmptyState>
        )
      ) : data ? (
        <div className={`transition-opacity ${events.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={events.isPlaceholderData}>
          {events.isError && <ErrorAlert className="mb-3" error={events.error} onRetry={() => void events.refetch()} />}
          <AuditTable events={data.items} />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            noun="events"
            onPage={(page) => setQuery((q) => ({ ...q, page }))}
            pageSizes={PAGE_SIZES}
            onPageSize={(pageSize) => setQuery((q) => ({ ...q, page: 1, pageSize }))}
          />
        </div>
      ) : null}
    </>
  );
}
