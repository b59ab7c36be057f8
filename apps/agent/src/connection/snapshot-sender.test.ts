import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnapshotSender, type SnapshotSenderOptions } from "./snapshot-sender";

/** A `send` whose calls stay in flight until the test settles them. */
function controllableSend() {
  const pending: Array<(ok: boolean) => void> = [];
  const send = vi.fn(() => new Promise<boolean>((resolve) => pending.push(resolve)));
  return {
    send,
    /** Acknowledges the oldest in-flight send. */
    async ack(ok = true) {
      const resolve = pending.shift();
      if (!resolve) throw new Error("nothing in flight");
      resolve(ok);
      await vi.advanceTimersByTimeAsync(0);
    },
    inFlight: () => pending.length,
  };
}

function makeSender(send: SnapshotSenderOptions["send"], overrides: Partial<SnapshotSenderOptions> = {}) {
  return new SnapshotSender({ send, debounceMs: 250, maxWaitMs: 2_000, refreshMs: 60_000, retryMs: 5_000, ...overrides });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("SnapshotSender", () => {
  it("sends immediately on start", async () => {
    const c = controllableSend();
    makeSender(c.send).start();
    expect(c.send).toHaveBeenCalledTimes(1);
  });

  it("debounces a burst of changes into one send", async () => {
    const c = controllableSend();
    const sender = makeSender(c.send);
    sender.start();
    await c.ack();
    for (let i = 0; i < 10; i++) {
      sender.notifyChange();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(c.send).toHaveBeenCalledTimes(1); // still inside the quiet window
    await vi.advanceTimersByTimeAsync(250);
    expect(c.send).toHaveBeenCalledTimes(2);
  });

  it("sends at least every maxWait during a steady stream of changes", async () => {
    const c = controllableSend();
    const sender = makeSender(c.send);
    sender.start();
    await c.ack();
    for (let t = 0; t < 2_000; t += 200) {
      sender.notifyChange();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(c.send).toHaveBeenCalledTimes(2);
  });

  it("keeps one send in flight and sends once more after the ack when changes came meanwhile", async () => {
    const c = controllableSend();
    const sender = makeSender(c.send);
    sender.start();
    sender.notifyChange();
    await vi.advanceTimersByTimeAsync(1_000);
    sender.notifyChange();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(c.send).toHaveBeenCalledTimes(1);
    expect(c.inFlight()).toBe(1);
    await c.ack();
    expect(c.send).toHaveBeenCalledTimes(2); // right after the ack, not after another debounce
    await c.ack();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(c.send).toHaveBeenCalledTimes(2); // nothing changed since: nothing more to send
  });

  it("does not send again after an ack when nothing changed during the flight", async () => {
    const c = controllableSend();
    makeSender(c.send).start();
    await c.ack();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(c.send).toHaveBeenCalledTimes(1);
  });

  it("sends a full snapshot every refresh interval without changes", async () => {
    const c = controllableSend();
    makeSender(c.send).start();
    await c.ack();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.send).toHaveBeenCalledTimes(2);
    await c.ack();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.send).toHaveBeenCalledTimes(3);
  });

  it("counts the refresh interval from the last send", async () => {
    const c = controllableSend();
    const sender = makeSender(c.send);
    sender.start();
    await c.ack();
    await vi.advanceTimersByTimeAsync(50_000);
    sender.notifyChange();
    await vi.advanceTimersByTimeAsync(250);
    await c.ack();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(c.send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(c.send).toHaveBeenCalledTimes(3);
  });

  it("retries sooner after a refused or failed send, and reports errors", async () => {
    const onError = vi.fn();
    let calls = 0;
    const send = vi.fn(async () => {
      calls += 1;
      if (calls === 1) return false;
      if (calls === 2) throw new Error("boom");
      return true;
    });
    makeSender(send, { onError }).start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(send).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledWith(new Error("boom"));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(send).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it("sends nothing after stop, even when an in-flight send completes", async () => {
    const c = controllableSend();
    const sender = makeSender(c.send);
    sender.start();
    sender.notifyChange();
    await vi.advanceTimersByTimeAsync(300);
    sender.stop();
    await c.ack();
    sender.notifyChange();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(c.send).toHaveBeenCalledTimes(1);
  });
});
