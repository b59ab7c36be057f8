import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { rotateAgentCredential } from "./rotate-agent-credential";
import { log } from "../logging/log";

/**
 * Rotates the credential of every connected agent once it is older than
 * OUTPOST_AGENT_CREDENTIAL_ROTATE_DAYS (0: never), checking every ten minutes (more often for
 * very short periods) and a minute after start. Returns the function that stops it.
 */
export function startCredentialRotation(ctx: ServerContext): () => void {
  const maxAgeMs = ctx.config.agentCredentialRotateDays * 86_400_000;
  if (maxAgeMs <= 0) return () => {};
  const everyMs = Math.min(10 * 60_000, Math.max(250, maxAgeMs / 4));
  const firstCheckMs = Math.min(60_000, everyMs);
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      const due = ctx.presence.connections().filter(([, conn]) => conn.features.includes("credential-rotation") && Date.now() - conn.credential.createdAt.getTime() > maxAgeMs);
      for (const [clusterId, conn] of due) {
        await rotateAgentCredential(ctx, clusterId, { actor: null, reason: "schedule" }).catch((err: unknown) => {
          if (!(err instanceof AppError)) log.error({ err, cluster: conn.clusterName }, "scheduled agent credential rotation failed");
        });
      }
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void check(), firstCheckMs);
  const timer = setInterval(() => void check(), everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
