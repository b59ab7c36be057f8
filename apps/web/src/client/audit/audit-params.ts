import type { AuditQuery } from "@outpost/cluster-core";

/** The audit filter as URL parameters, leaving out what is empty or default (for the API and the CSV link). */
export function auditParams(query: Partial<AuditQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "" || (key === "page" && value === 1) || (key === "pageSize" && value === 50)) continue;
    params.set(key, String(value));
  }
  return params;
}
