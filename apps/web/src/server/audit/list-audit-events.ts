import type { AuditEventView } from "@outpost/cluster-core";
import { z } from "zod";
import { parseStoredJson } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";

export async function listAuditEvents(db: Db, limit: number): Promise<AuditEventView[]> {
  const rows = await db.auditEvent.findMany({ orderBy: { at: "desc" }, take: limit });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorName: r.actorName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    details: parseStoredJson(z.record(z.string(), z.unknown()), r.details, {}),
  }));
}
