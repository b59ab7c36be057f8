import type { ServerContext } from "../context";

/** Rows deleted per statement, so a first sweep of a large table never holds a long lock. */
const BATCH = 2_000;

export interface RetentionSweep {
  changes: number;
  auditEvents: number;
}

/**
 * Deletes cluster changes and audit events older than their retention
 * (OUTPOST_CHANGE_RETENTION_DAYS, OUTPOST_AUDIT_RETENTION_DAYS; 0 keeps them forever), oldest
 * first, a batch at a time.
 */
export async function sweepRetention(ctx: Pick<ServerContext, "db" | "config">, now = new Date()): Promise<RetentionSweep> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const { changeRetentionDays, auditRetentionDays } = ctx.config;
  let changes = 0;
  let auditEvents = 0;
  if (changeRetentionDays > 0) {
    for (;;) {
      const rows = await ctx.db.clusterChange.findMany({ where: { receivedAt: { lt: before(changeRetentionDays) } }, select: { id: true }, take: BATCH });
      if (rows.length === 0) break;
      changes += (await ctx.db.clusterChange.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } })).count;
    }
  }
  if (auditRetentionDays > 0) {
    for (;;) {
      const rows = await ctx.db.auditEvent.findMany({ where: { at: { lt: before(auditRetentionDays) } }, select: { id: true }, take: BATCH });
      if (rows.length === 0) break;
      auditEvents += (await ctx.db.auditEvent.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } })).count;
    }
  }
  return { changes, auditEvents };
}
