import type { ServerContext } from "../context";
import { sweepRetention } from "./sweep-retention";

const EVERY_MS = 60 * 60_000;

/** Sweeps old changes and audit events now and then hourly; returns the function that stops it. */
export function startRetention(ctx: Pick<ServerContext, "db" | "config">): () => void {
  const sweep = () =>
    sweepRetention(ctx)
      .then(({ changes, auditEvents }) => {
        if (changes + auditEvents > 0) console.log(`[retention] deleted ${changes} cluster change(s) and ${auditEvents} audit event(s) past their retention`);
      })
      .catch((err: unknown) => console.error("[retention] sweep failed:", err));
  void sweep();
  const timer = setInterval(() => void sweep(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
