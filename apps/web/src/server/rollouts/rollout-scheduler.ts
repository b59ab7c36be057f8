import type { ServerContext } from "../context";
import { log } from "../logging/log";
import { advanceRollout } from "./advance-rollout";

export interface RolloutScheduler {
  /** The rollout clock (injectable in tests, see rollout-clock.ts). */
  now(): number;
  /** Something changed (a report, a cluster's presence, an operator's action): run a pass soon. */
  poke(): void;
  /** Runs `fn` between passes, so operator actions never race the scheduler. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves after a full pass that started after this call. */
  passNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Drives every active rollout: a pass every `intervalMs` (health timeouts, pauses between waves,
 * maintenance windows opening) and soon after any poke. Passes never overlap; a failing rollout
 * is logged and the others still advance. On a multi-replica centre only the elected leader
 * runs it (see ARCHITECTURE.md); with one process it always runs.
 */
export function createRolloutScheduler(getCtx: () => ServerContext, opts: { now: () => number; intervalMs: number; onChange: (rolloutId: string) => Promise<void> }): RolloutScheduler {
  let chain: Promise<unknown> = Promise.resolve();
  let pokeTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const pass = () =>
    serial(async () => {
      if (stopped) return;
      const ctx = getCtx();
      const active = await ctx.db.rollout.findMany({ where: { phase: { in: ["running", "awaiting-approval", "halted"] } }, select: { id: true }, orderBy: { createdAt: "asc" } });
      for (const { id } of active) {
        try {
          if (await advanceRollout(ctx, id, opts.now())) await opts.onChange(id);
        } catch (err) {
          log.error({ err, rolloutId: id }, "rollout pass failed");
        }
      }
    });
  const passLogged = () => void pass().catch((err: unknown) => log.error({ err }, "rollout scheduler pass failed"));
  const timer = setInterval(passLogged, opts.intervalMs);
  timer.unref();
  return {
    now: opts.now,
    poke() {
      if (pokeTimer || stopped) return;
      // Coalesce bursts (a reconnect wave pokes once per cluster) into one pass.
      pokeTimer = setTimeout(() => {
        pokeTimer = undefined;
        passLogged();
      }, 100);
      pokeTimer.unref();
    },
    exclusive: serial,
    passNow: () => pass(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(pokeTimer);
      await chain;
    },
  };
}
