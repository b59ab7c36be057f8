import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../logging/logger";
import { Outbox } from "../outbox/outbox";
import { changeInput } from "../outbox/records.fixture";
import type { AgentReporter } from "../reporting/agent-reporter";
import type { AgentSocket } from "./agent-session";
import { startOutboxDelivery, type OutboxDelivery } from "./outbox-delivery";

const AT = "2026-01-01T00:00:00.000Z";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let outbox: Outbox;
let delivery: OutboxDelivery | undefined;
const listeners = new Set<() => void>();
const log: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeEach(async () => {
  dir = await mkdtemp(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "outpost-delivery-"));
  outbox = await Outbox.open(dir, { logger: log });
});
afterEach(async () => {
  delivery?.stop();
  listeners.clear();
  await outbox.close();
  await rm(dir, { recursive: true, force: true });
});

/** The reporter as delivery sees it: the outbox, and a signal on every append. */
const reporter = () =>
  ({
    outbox,
    onAppended: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
  }) as unknown as AgentReporter;
const append = async (i: number) => {
  await outbox.append(changeInput(i, AT));
  for (const l of [...listeners]) l();
};

/** A centre that says hello and then answers each batch with `accept()`'s verdict. */
function fakeSocket(accept: () => boolean) {
  const batches: number[][] = [];
  const socket = {
    timeout: () => ({
      emitWithAck: async (event: string, payload: { records?: { seq: number }[] }) => {
        if (event === "agent:hello") return { ok: true, ackedSeq: 0 };
        const seqs = payload.records!.map((r) => r.seq);
        batches.push(seqs);
        return accept() ? { ok: true, ackedSeq: seqs[seqs.length - 1] } : { ok: false, error: "the centre could not store the batch; send it again" };
      },
    }),
  } as unknown as AgentSocket;
  return { socket, batches };
}

describe("outbox delivery", () => {
  it("delivers what is appended, promptly, in order", async () => {
    const centre = fakeSocket(() => true);
    delivery = startOutboxDelivery({ socket: centre.socket, reporter: reporter(), agentVersion: "test", log });
    for (let i = 1; i <= 3; i++) {
      await append(i);
      await sleep(30);
    }
    expect(centre.batches.flat()).toEqual([1, 2, 3]);
    expect(outbox.stats().queued).toBe(0);
  });

  it("waits its retry delay after a refused batch, however busy the cluster is", async () => {
    let accepting = false;
    const centre = fakeSocket(() => accepting);
    await append(1);
    delivery = startOutboxDelivery({ socket: centre.socket, reporter: reporter(), agentVersion: "test", log });
    // A change every 50 ms for 1.2 s: none of these appends may cut the 2 s retry delay short.
    for (let i = 2; i <= 25; i++) {
      await sleep(50);
      await append(i);
    }
    expect(centre.batches).toHaveLength(1);
    accepting = true;
    await sleep(1_200);
    // The retry carries everything queued meanwhile, and nothing is lost.
    expect(centre.batches).toHaveLength(2);
    expect(centre.batches[1]).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(outbox.stats().queued).toBe(0);
  });

  it("stops at once, also while waiting to retry", async () => {
    const centre = fakeSocket(() => false);
    await append(1);
    delivery = startOutboxDelivery({ socket: centre.socket, reporter: reporter(), agentVersion: "test", log });
    await sleep(50);
    delivery.stop();
    await sleep(2_200);
    expect(centre.batches).toHaveLength(1);
  });
});
