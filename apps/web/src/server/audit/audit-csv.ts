import type { AuditQuery } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { auditWhere } from "./audit-where";
import { toAuditRows } from "./to-audit-rows";

/** The most rows one export holds; narrow the filter for more. */
export const AUDIT_CSV_MAX_ROWS = 100_000;
const BATCH = 1000;

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The filtered audit log as CSV (RFC 4180), newest first, read from the database in batches. */
export async function auditCsv(db: Db, query: Omit<AuditQuery, "page" | "pageSize">): Promise<string> {
  const where = auditWhere(query);
  const lines = [["time", "actor", "action", "target type", "target id", "target name", "details"].join(",")];
  for (let skip = 0; skip < AUDIT_CSV_MAX_ROWS; skip += BATCH) {
    const rows = await db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip, take: Math.min(BATCH, AUDIT_CSV_MAX_ROWS - skip) });
    for (const r of await toAuditRows(db, rows)) {
      lines.push([r.at, r.actorName, r.action, r.targetType, r.targetId ?? "", r.targetName ?? "", JSON.stringify(r.details)].map(csvField).join(","));
    }
    if (rows.length < BATCH) break;
  }
  return `${lines.join("\r\n")}\r\n`;
}
