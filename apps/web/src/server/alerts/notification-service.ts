import type { CurrentUser, NotificationPage } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";

/**
 * The in-app notifications, newest first, a page at a time. `before` is the cursor the previous
 * page returned (time and id: one alerting round writes many notifications at the same instant).
 * `visibleClusterIds` (null: every cluster) keeps out notifications about clusters the user may not see.
 */
export async function listNotifications(
  db: Db,
  user: CurrentUser,
  opts: { before?: { at: Date; id: string }; limit: number; visibleClusterIds?: string[] | null },
): Promise<NotificationPage> {
  const seen = (await db.user.findUnique({ where: { id: user.id }, select: { notificationsSeenAt: true } }))?.notificationsSeenAt ?? new Date(0);
  const visible = opts.visibleClusterIds ? { OR: [{ clusterId: null }, { clusterId: { in: opts.visibleClusterIds } }] } : {};
  const rows = await db.notification.findMany({
    where: { AND: [visible, opts.before ? { OR: [{ at: { lt: opts.before.at } }, { at: opts.before.at, id: { lt: opts.before.id } }] } : {}] },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
  });
  const page = rows.slice(0, opts.limit);
  const unread = await db.notification.count({ where: { AND: [visible, { at: { gt: seen } }] } });
  return {
    items: page.map((n) => ({
      id: n.id,
      at: n.at.toISOString(),
      event: n.event === "resolved" ? "resolved" : "firing",
      title: n.title,
      body: n.body,
      clusterId: n.clusterId,
      unread: n.at > seen,
    })),
    unread,
    nextBefore: rows.length > opts.limit && page.length > 0 ? `${page[page.length - 1]!.at.toISOString()}_${page[page.length - 1]!.id}` : null,
  };
}

/** Marks every notification up to now as read for this user. */
export async function markNotificationsSeen(db: Db, user: CurrentUser, now = new Date()): Promise<void> {
  await db.user.update({ where: { id: user.id }, data: { notificationsSeenAt: now } });
}
