import { OUTBOX_BATCH_MAX, ZOutboxAck } from "@outpost/cluster-core";
import type { Logger } from "../logging/logger";
import type { AgentReporter } from "../reporting/agent-reporter";
import { describeError } from "../util/describe-error";
import type { AgentSocket } from "./agent-session";

const ACK_TIMEOUT_MS = 30_000;
const RETRY_MS = 2_000;

export interface OutboxDelivery {
  stop(): void;
}

/**
 * Drains the durable outbox over one connection: hello first (the centre says up to which
 * sequence it already has everything: a resumed link sends only what is missing), then batches
 * in order, each dropped from the outbox only once the centre acknowledged it. Anything unsent
 * when the link goes stays on disk for the next connection.
 */
export function startOutboxDelivery(opts: { socket: AgentSocket; reporter: AgentReporter; agentVersion: string; log: Logger; onHello?: () => void }): OutboxDelivery {
  const { socket, reporter, log } = opts;
  const outbox = reporter.outbox;
  let stopped = false;
  let wake: (() => void) | null = null;
  let interrupt: (() => void) | null = null;
  const unsubscribe = reporter.onAppended(() => wake?.());
  /** Until something is appended (or stop). */
  const idle = () =>
    new Promise<void>((resolve) => {
      wake = () => {
        wake = null;
        resolve();
      };
    });
  /**
   * After a failure: the full RETRY_MS whatever is appended meanwhile (only stop() cuts it short),
   * or an agent with a busy cluster would retry a failing centre at its rate of change.
   */
  const backOff = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        interrupt = null;
        resolve();
      }, RETRY_MS);
      interrupt = () => {
        clearTimeout(timer);
        interrupt = null;
        resolve();
      };
    });

  const sayHello = async (): Promise<boolean> => {
    try {
      const hello = ZOutboxAck.safeParse(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("agent:hello", { agentVersion: opts.agentVersion, queued: outbox.stats().queued }));
      if (hello.success && hello.data.ok) {
        await outbox.ack(hello.data.ackedSeq);
        return true;
      }
      log.warn({ reason: hello.success && !hello.data.ok ? hello.data.error : "malformed answer" }, "centre refused hello");
    } catch (err) {
      if (!stopped) log.warn(`hello not answered (${describeError(err)})`);
    }
    return false;
  };

  const run = async () => {
    while (!stopped && !(await sayHello())) await backOff();
    if (stopped) return;
    opts.onHello?.();
    while (!stopped) {
      const batch = outbox.pending(OUTBOX_BATCH_MAX);
      if (batch.length === 0) {
        await idle();
        continue;
      }
      let answer;
      try {
        answer = ZOutboxAck.safeParse(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("agent:outbox", { records: batch }));
      } catch (err) {
        if (stopped) return;
        log.warn(`outbox batch not acknowledged (${describeError(err)}); it stays queued`);
        await backOff();
        continue;
      }
      if (answer.success && answer.data.ok) {
        await outbox.ack(answer.data.ackedSeq);
      } else {
        log.warn({ reason: answer.success && !answer.data.ok ? answer.data.error : "malformed answer" }, "centre refused an outbox batch; retrying");
        await backOff();
      }
    }
  };

  run().catch((err: unknown) => {
    if (!stopped) log.warn(`outbox delivery stopped: ${describeError(err)}`);
  });

  return {
    stop() {
      stopped = true;
      unsubscribe();
      wake?.();
      interrupt?.();
    },
  };
}
