import type { Db } from "../db/open-database";

/**
 * Retention: status transitions, in-app notifications and resolved alerts (with their
 * deliveries) older than `days` are deleted. Open alerts are kept however old.
 */
export async function pruneHistory(db: Db, days: number, now = new Date()): Promise<{ statusEvents: number; notifications: number; alerts: number }> {
  const before = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const statusEvents = await db.clusterStatusEvent.deleteMany({ where: { at: { lt: before } } });
  const notifications = await db.notification.deleteMany({ where: { at: { lt: before } } });
  const alerts = await db.alert.deleteMany({ where: { state: "resolved", resolvedAt: { lt: before } } });
  return { statusEvents: statusEvents.count, notifications: notifications.count, alerts: alerts.count };
}
