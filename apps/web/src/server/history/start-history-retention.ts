import type { ServerContext } from "../context";
import { log } from "../logging/log";
import { pruneHistory } from "./prune-history";

const EVERY_MS = 60 * 60 * 1000;

/** Prunes outage history, notifications and resolved alerts past OUTPOST_HISTORY_RETENTION_DAYS: at start, then hourly. */
export function startHistoryRetention(ctx: ServerContext): () => void {
  const run = () =>
    pruneHistory(ctx.db, ctx.config.historyRetentionDays)
      .then((n) => {
        if (n.statusEvents + n.notifications + n.alerts > 0) log.info(n, "history past its retention deleted");
      })
      .catch((err: unknown) => log.error({ err }, "history retention failed"));
  void run();
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
