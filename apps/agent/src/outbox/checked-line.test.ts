import { describe, expect, it } from "vitest";
import { frameLine, unframeLine } from "./checked-line";
import { crc32 } from "./crc32";

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe("checked lines", () => {
  it("round-trips JSON with newlines and non-ASCII text inside strings", () => {
    const value = { summary: "Ready → NotReady\nsecond line", n: 1 };
    const line = frameLine(JSON.stringify(value));
    expect(line.at(-1)).toBe(0x0a);
    expect(line.subarray(0, -1).includes(0x0a)).toBe(false);
    expect(unframeLine(line.subarray(0, -1))).toEqual(value);
  });

  it("rejects a flipped bit, a torn line, a bad header and zero-filled blocks", () => {
    const line = frameLine(JSON.stringify({ a: "hello" })).subarray(0, -1);
    const flipped = Buffer.from(line);
    flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 0x01;
    expect(unframeLine(flipped)).toBeNull();
    expect(unframeLine(line.subarray(0, line.length - 2))).toBeNull();
    expect(unframeLine(Buffer.from(`XXXXXXXX ${line.subarray(9).toString()}`))).toBeNull();
    expect(unframeLine(Buffer.alloc(64))).toBeNull();
  });
});
