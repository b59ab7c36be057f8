import type { ServerContext } from "../context";
import { sweepRetention } from "./sweep-retention";
import { log } from "../logging/log";

const EVERY_MS = 60 * 60_000;

/** Sweeps old changes and audit events now and then hourly; returns the function that stops it. */
export function startRetention(ctx: Pick<ServerContext, "db" | "config">): () => void {
  const sweep = () =>
    sweepRetention(ctx)
      .then(({ changes, auditEvents }) => {
        if (changes + auditEvents > 0) log.info({ changes, auditEvents }, "retention: deleted cluster changes and audit events past their retention");
      })
      .catch((err: unknown) => log.error({ err }, "retention sweep failed"));
  void sweep();
  const timer = setInterval(() => void sweep(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
