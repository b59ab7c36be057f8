import type { NotificationView } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import type { DbTransaction } from "../db/open-database";
import { alertForNotice, buildAlertNotice } from "./build-alert-notice";
import { collectAlertConditions } from "./collect-alert-conditions";
import { describeAlertNotice } from "./describe-alert-notice";
import { openAlertKey, planAlertChanges, type OpenAlert } from "./plan-alert-changes";
import { readAlertRule } from "./read-alert-rule";

/**
 * One round of alerting: reads the rules and the conditions that hold now, opens, fires, resolves
 * and drops alerts as planAlertChanges says, and — in the same transaction — queues one delivery
 * per channel and notice and writes the in-app notification. A crash mid-way changes nothing; a
 * notice is queued exactly once because alerts move pending → firing → resolved only once.
 * Returns the new notifications (for live updates).
 */
export async function evaluateAlerts(ctx: ServerContext, now = new Date()): Promise<NotificationView[]> {
  const rows = await ctx.db.alertRule.findMany();
  const open = await ctx.db.alert.findMany({ where: { openKey: { not: null } }, select: { id: true, ruleId: true, clusterId: true, subject: true, state: true, since: true } });
  if (rows.length === 0 && open.length === 0) return [];
  const rules = rows.map((row) => ({ row, read: readAlertRule(row) }));
  const wanted = new Set(rules.filter((r) => r.row.enabled).map((r) => r.read.condition));
  const hits = await collectAlertConditions(ctx.db, wanted, { now, startedAt: ctx.startedAt });
  const plan = planAlertChanges(
    rules.map((r) => r.read.plan),
    hits,
    open.map((a): OpenAlert => ({ ...a, state: a.state === "firing" ? "firing" : "pending" })),
    now,
  );
  if (plan.create.length + plan.fire.length + plan.resolve.length + plan.drop.length + plan.close.length === 0) return [];

  const channelsOf = new Map(rules.map((r) => [r.row.id, r.read.channelIds]));
  return ctx.db.$transaction(async (tx) => {
    const notices: { alertId: string; event: "firing" | "resolved" }[] = [];
    for (const c of plan.create) {
      const alert = await tx.alert.create({
        data: {
          ruleId: c.ruleId,
          clusterId: c.clusterId,
          subject: c.subject,
          openKey: openAlertKey(c.ruleId, c.clusterId, c.subject),
          state: c.fire ? "firing" : "pending",
          message: c.message,
          since: c.since,
          firedAt: c.fire ? now : null,
        },
      });
      if (c.fire) notices.push({ alertId: alert.id, event: "firing" });
    }
    for (const f of plan.fire) {
      await tx.alert.update({ where: { id: f.alertId }, data: { state: "firing", firedAt: now, message: f.message } });
      notices.push({ alertId: f.alertId, event: "firing" });
    }
    for (const id of plan.resolve) notices.push({ alertId: id, event: "resolved" });
    const closing = [...plan.resolve, ...plan.close];
    if (closing.length > 0) await tx.alert.updateMany({ where: { id: { in: closing } }, data: { state: "resolved", resolvedAt: now, openKey: null } });
    if (plan.drop.length > 0) await tx.alert.deleteMany({ where: { id: { in: plan.drop } } });
    return queueNotices(tx, ctx, notices, channelsOf, now);
  });
}

/** Deliveries for every channel of the alert's rule, and the in-app notification, for each notice. */
async function queueNotices(
  tx: DbTransaction,
  ctx: ServerContext,
  notices: { alertId: string; event: "firing" | "resolved" }[],
  channelsOf: Map<string, string[]>,
  now: Date,
): Promise<NotificationView[]> {
  if (notices.length === 0) return [];
  const channels = new Set((await tx.alertChannel.findMany({ select: { id: true } })).map((c) => c.id));
  const alerts = new Map((await tx.alert.findMany({ where: { id: { in: notices.map((n) => n.alertId) } }, include: alertForNotice })).map((a) => [a.id, a]));
  const views: NotificationView[] = [];
  for (const { alertId, event } of notices) {
    const alert = alerts.get(alertId);
    if (!alert) continue;
    const targets = (channelsOf.get(alert.ruleId) ?? []).filter((id) => channels.has(id));
    if (targets.length > 0) await tx.alertDelivery.createMany({ data: targets.map((channelId) => ({ alertId, channelId, event, nextAttemptAt: now })) });
    const { title, text } = describeAlertNotice(buildAlertNotice(alert, event, "", now, ctx.config.publicUrl));
    const row = await tx.notification.create({ data: { at: now, event, alertId, clusterId: alert.clusterId, title, body: text } });
    views.push({ id: row.id, at: now.toISOString(), event, title, body: text, clusterId: alert.clusterId, unread: true });
  }
  return views;
}
