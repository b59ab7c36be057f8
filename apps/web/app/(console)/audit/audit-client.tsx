"use client";

import { AuditTable } from "@/src/client/audit/audit-table";
import { useAuditEvents } from "@/src/client/audit/use-audit-events";
import { Button } from "@/src/client/ui/button";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";

const LIMIT = 100;

/** The newest audit events, refreshed on demand. */
export function AuditClient() {
  const events = useAuditEvents(LIMIT);
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`The last ${LIMIT} changes: who changed what, and when.`}
        actions={
          <Button onClick={() => void events.refetch()} disabled={events.isFetching}>
            {events.isFetching ? "Refreshing…" : "Refresh"}
          </Button>
        }
      />
      {events.isPending ? (
        <LoadingRows label="Loading audit events…" />
      ) : events.isError ? (
        <ErrorAlert error={events.error} />
      ) : events.data.length === 0 ? (
        <EmptyState title="Nothing recorded yet">Sign-ins, and changes to sites, clusters, users and tokens appear here.</EmptyState>
      ) : (
        <AuditTable events={events.data} />
      )}
    </>
  );
}
