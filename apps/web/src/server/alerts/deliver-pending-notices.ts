import type { AlertNotice } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { log } from "../logging/log";
import { alertForNotice, buildAlertNotice } from "./build-alert-notice";
import { openChannelTarget } from "./open-channel-target";
import { sendAlertNotice } from "./send-alert-notice";

/** Tries per delivery before it is marked failed (about 3 hours of backing off). */
export const MAX_DELIVERY_ATTEMPTS = 12;
/** A claimed delivery is left alone by other deliverers this long (a send takes at most 10 s). */
const LEASE_MS = 60_000;

/** 5 s, 10 s, 20 s … capped at 30 min. */
function backoffMs(attempts: number): number {
  return Math.min(30 * 60_000, 5_000 * 2 ** (attempts - 1));
}

/**
 * Sends the queued notices that are due, oldest first. Each is claimed before it is sent (a
 * conditional update moves its next attempt a minute ahead), so two deliverers never send the
 * same notice twice; a failure is retried with backoff and recorded with its reason.
 * Returns how many were sent.
 */
export async function deliverPendingNotices(ctx: ServerContext, now = new Date(), limit = 50): Promise<number> {
  const due = await ctx.db.alertDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    include: { channel: true, alert: { include: alertForNotice } },
  });
  let sent = 0;
  for (const d of due) {
    const claimed = await ctx.db.alertDelivery.updateMany({ where: { id: d.id, status: "pending", nextAttemptAt: d.nextAttemptAt }, data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) } });
    if (claimed.count !== 1) continue;
    const attempts = d.attempts + 1;
    try {
      const notice = buildAlertNotice(d.alert, d.event as AlertNotice["event"], d.id, new Date(), ctx.config.publicUrl);
      await sendAlertNotice(openChannelTarget(ctx.secrets, d.channel), notice, { smtpUrl: ctx.config.smtpUrl, from: ctx.config.smtpFrom });
      await ctx.db.alertDelivery.update({ where: { id: d.id }, data: { status: "sent", sentAt: new Date(), lastAttemptAt: new Date(), attempts, lastError: "" } });
      sent++;
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
      await ctx.db.alertDelivery.update({
        where: { id: d.id },
        data: { attempts, lastError: reason, lastAttemptAt: new Date(), ...(failed ? { status: "failed" } : { nextAttemptAt: new Date(Date.now() + backoffMs(attempts)) }) },
      });
      log.warn({ channel: d.channel.name, kind: d.channel.kind, attempts, reason, failed }, "alert notice not delivered");
    }
  }
  return sent;
}
