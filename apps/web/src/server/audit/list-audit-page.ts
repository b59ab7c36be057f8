import type { AuditPage, AuditQuery } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { auditWhere } from "./audit-where";
import { toAuditRows } from "./to-audit-rows";

/** One page of the audit log, newest first, filtered; a page past the end answers with the last page. */
export async function listAuditPage(db: Db, query: AuditQuery): Promise<AuditPage> {
  const where = auditWhere(query);
  const [total, actions, actors] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.auditEvent.findMany({ distinct: ["actorName"], select: { actorName: true }, orderBy: { actorName: "asc" } }),
  ]);
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.pageSize)));
  const rows = await db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * query.pageSize, take: query.pageSize });
  return {
    items: await toAuditRows(db, rows),
    total,
    page,
    pageSize: query.pageSize,
    actions: actions.map((a) => a.action),
    actors: actors.map((a) => a.actorName),
  };
}
