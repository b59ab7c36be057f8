import { useQuery } from "@tanstack/react-query";
import type { AuditEventView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** The newest `limit` audit events (admins only). */
export function useAuditEvents(limit: number) {
  return useQuery({
    queryKey: queryKeys.audit.list(limit),
    queryFn: ({ signal }) => apiFetch<AuditEventView[]>(`/api/v1/audit?limit=${limit}`, { signal }),
  });
}
