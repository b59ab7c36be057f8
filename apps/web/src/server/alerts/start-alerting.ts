import type { ServerContext } from "../context";
import { log } from "../logging/log";
import { deliverPendingNotices } from "./deliver-pending-notices";
import { evaluateAlerts } from "./evaluate-alerts";

const DELIVER_EVERY_MS = 1_000;

export interface Alerting {
  /** Evaluates at once (e.g. right after a rule changed) instead of at the next tick. */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * The centre's alerting loop: rules are evaluated every OUTPOST_ALERT_INTERVAL_MS and queued
 * notices are sent every second, one round after another (never two rounds at once).
 */
export function startAlerting(ctx: ServerContext): Alerting {
  let stopped = false;
  let lastEvaluation = 0;
  let wake: (() => void) | null = null;
  const round = async () => {
    const now = Date.now();
    if (now - lastEvaluation >= ctx.config.alertIntervalMs) {
      lastEvaluation = now;
      const notifications = await evaluateAlerts(ctx, new Date(now));
      for (const n of notifications) await ctx.live.notificationAdded(ctx.db, n);
    }
    await deliverPendingNotices(ctx);
  };
  const loop = (async () => {
    while (!stopped) {
      await round().catch((err: unknown) => log.error({ err }, "alerting round failed"));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(DELIVER_EVERY_MS, ctx.config.alertIntervalMs));
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return {
    kick() {
      lastEvaluation = 0;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
