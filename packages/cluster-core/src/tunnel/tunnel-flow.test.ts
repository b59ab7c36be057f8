import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { pumpChunks, writeWithBackpressure } from "./tunnel-flow";

async function* blocks(...sizes: number[]) {
  for (const s of sizes) yield new Uint8Array(s).fill(s % 251);
}

describe("pumpChunks", () => {
  it("splits blocks into chunks of at most chunkBytes and sends every byte in order", async () => {
    const sent: number[] = [];
    const bytes = await pumpChunks(blocks(10, 25), async (c) => void sent.push(c.byteLength), { chunkBytes: 8 });
    expect(bytes).toBe(35);
    expect(sent).toEqual([8, 2, 8, 8, 8, 1]);
  });

  it("never has more than `window` chunks unacknowledged", async () => {
    let open = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    let finished = false;
    const pumping = pumpChunks(blocks(100), (_c) => {
      open++;
      peak = Math.max(peak, open);
      return new Promise<void>((r) => release.push(() => (open--, r())));
    }, { window: 3, chunkBytes: 10 }).finally(() => (finished = true));
    // Acknowledge slowly, one at a time.
    while (!finished) {
      await new Promise((r) => setTimeout(r, 1));
      release.shift()?.();
    }
    expect(await pumping).toBe(100);
    expect(peak).toBe(3);
  });

  it("can return once the last chunk is sent, before its acknowledgement", async () => {
    const pending: (() => void)[] = [];
    const bytes = await pumpChunks(blocks(30), () => new Promise<void>((r) => pending.push(r)), { window: 8, chunkBytes: 10, awaitLastAcks: false });
    expect(bytes).toBe(30);
    expect(pending.length).toBe(3);
    pending.forEach((r) => r());
  });

  it("stops reading and rejects when a send fails", async () => {
    let reads = 0;
    async function* endless() {
      for (;;) {
        reads++;
        yield new Uint8Array(4);
      }
    }
    await expect(pumpChunks(endless(), async () => Promise.reject(new Error("link gone")), { window: 2 })).rejects.toThrow("link gone");
    expect(reads).toBeLessThan(10);
  });
});

describe("writeWithBackpressure", () => {
  it("resolves at once while the destination has room, and after drain when it is full", async () => {
    const dest = new PassThrough({ highWaterMark: 4 });
    await writeWithBackpressure(dest, new Uint8Array(2));
    let resolved = false;
    const full = writeWithBackpressure(dest, new Uint8Array(8)).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(resolved).toBe(false);
    dest.read();
    await full;
    expect(resolved).toBe(true);
  });

  it("rejects when the destination closes before draining", async () => {
    const dest = new PassThrough({ highWaterMark: 1 });
    const pending = writeWithBackpressure(dest, new Uint8Array(8));
    dest.destroy();
    await expect(pending).rejects.toThrow("closed");
  });
});
