import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pumpFrames } from "./pump-frames";

/** A link that sends one frame every `msPerFrame` (a queue in front of it) and acknowledges `delayMs` later. */
function link(msPerFrame: number, delayMs: number) {
  let free = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const order: number[] = [];
  const send = (frame: Uint8Array) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    order.push(new DataView(frame.buffer).getUint32(0));
    const t = performance.now();
    free = Math.max(free, t) + msPerFrame;
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        inFlight -= 1;
        resolve();
      }, free + delayMs - t),
    );
  };
  return { send, stats: () => ({ maxInFlight, order }) };
}

async function* frames(n: number) {
  for (let i = 0; i < n; i++) yield new Uint8Array(new Uint32Array([i]).buffer).reverse();
}

/** Runs the pump on a virtual clock: the link's timing is exact however busy the machine is. */
async function pumpOnVirtualClock(...args: Parameters<typeof pumpFrames>) {
  const result = pumpFrames(...args);
  await vi.runAllTimersAsync();
  return result;
}

describe("pumpFrames", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens the window fully on a fast link and sends every frame in order", async () => {
    const l = link(0.2, 20);
    const result = await pumpOnVirtualClock(frames(300), l.send, { targetQueueMs: 50, maxWindow: 16 });
    expect(result).toMatchObject({ frames: 300, window: 16 });
    expect(l.stats().order).toEqual([...Array(300).keys()]);
    expect(l.stats().maxInFlight).toBe(16);
  });

  it("keeps only about the target's worth of frames queued in front of a slow link", async () => {
    const l = link(10, 5); // 100 frames/s; 50 ms of queue is ~5 frames
    const result = await pumpOnVirtualClock(frames(150), l.send, { targetQueueMs: 50, maxWindow: 64 });
    expect(result.window).toBeLessThan(12);
    expect(l.stats().maxInFlight).toBeLessThan(20);
  });

  it("stops at the first failed send", async () => {
    let sent = 0;
    const send = async () => {
      sent += 1;
      if (sent === 3) throw new Error("the agent refused the frame");
    };
    await expect(pumpFrames(frames(100), send)).rejects.toThrow("the agent refused the frame");
    expect(sent).toBeLessThan(10);
  });
});
