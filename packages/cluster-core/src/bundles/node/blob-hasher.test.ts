import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BlobHasher } from "./blob-hasher";

const hex = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("BlobHasher", () => {
  it("gives the same digests however the bytes are split", () => {
    const data = randomBytes(5 * 1000 + 7);
    const whole = new BlobHasher(1024);
    whole.update(data);
    const pieces = new BlobHasher(1024);
    for (let i = 0; i < data.length; i += 333) pieces.update(data.subarray(i, i + 333));
    const a = whole.digest();
    expect(pieces.digest()).toEqual(a);
    expect(a.sha256).toBe(hex(data));
    expect(a.size).toBe(data.length);
    expect(a.chunks).toHaveLength(5);
    expect(a.chunks[1]).toBe(hex(data.subarray(1024, 2048)));
    expect(a.chunks[4]).toBe(hex(data.subarray(4096)));
  });

  it("returns each chunk's digest from the update that completes it", () => {
    const h = new BlobHasher(4);
    expect(h.update(new Uint8Array([1, 2, 3]))).toEqual([]);
    expect(h.update(new Uint8Array([4, 5, 6, 7, 8, 9]))).toEqual([hex(new Uint8Array([1, 2, 3, 4])), hex(new Uint8Array([5, 6, 7, 8]))]);
  });

  it("an empty blob has no chunks", () => {
    expect(new BlobHasher(4).digest()).toEqual({ sha256: hex(new Uint8Array()), size: 0, chunks: [] });
  });
});
