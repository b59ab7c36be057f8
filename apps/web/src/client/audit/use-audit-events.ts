import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AuditPage, AuditQuery } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { auditParams } from "./audit-params";

/** One page of the audit log for a filter (admins only); the previous page stays while the next loads. */
export function useAuditEvents(query: AuditQuery) {
  return useQuery({
    queryKey: queryKeys.audit.page(query),
    queryFn: ({ signal }) => apiFetch<AuditPage>(`/api/v1/audit/events?${auditParams(query).toString()}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
