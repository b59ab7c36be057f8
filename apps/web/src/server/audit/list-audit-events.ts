import type { AuditEventRow } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { toAuditRows } from "./to-audit-rows";

/** The newest `limit` audit events, unfiltered (GET /api/v1/audit?limit=, for scripts). */
export async function listAuditEvents(db: Db, limit: number): Promise<AuditEventRow[]> {
  return toAuditRows(db, await db.auditEvent.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: limit }));
}
