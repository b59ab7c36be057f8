import { parseStoredJson, type AuditEventRow } from "@outpost/cluster-core";
import { z } from "zod";
import type { Db } from "../db/open-database";

interface StoredAuditEvent {
  id: string;
  at: Date;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: string;
}

const ZDetails = z.record(z.string(), z.unknown());

/**
 * Audit rows with names instead of bare ids: the target's current name where it still exists
 * (sites, clusters, users), else the name recorded in the event's details.
 */
export async function toAuditRows(db: Db, rows: StoredAuditEvent[]): Promise<AuditEventRow[]> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId).map((r) => r.targetId!))];
  const [sites, clusters, users] = await Promise.all([
    db.site.findMany({ where: { id: { in: ids("site") } }, select: { id: true, name: true } }),
    db.cluster.findMany({ where: { id: { in: ids("cluster") } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, username: true } }),
  ]);
  const current = new Map<string, string>([
    ...sites.map((s) => [`site:${s.id}`, s.name] as const),
    ...clusters.map((c) => [`cluster:${c.id}`, c.name] as const),
    ...users.map((u) => [`user:${u.id}`, u.username] as const),
  ]);
  return rows.map((r) => {
    const details = parseStoredJson(ZDetails, r.details, {});
    const now = r.targetId ? current.get(`${r.targetType}:${r.targetId}`) : undefined;
    const recorded = [details.name, details.username, details.clusterName].find((v): v is string => typeof v === "string" && v !== "");
    return {
      id: r.id,
      at: r.at.toISOString(),
      actorName: r.actorName,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details,
      targetName: now ?? recorded ?? null,
      targetExists: now !== undefined,
    };
  });
}
