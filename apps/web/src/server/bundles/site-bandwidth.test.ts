import { describe, expect, it } from "vitest";
import { createSiteBandwidth } from "./site-bandwidth";

const MB = 1_000_000;

describe("createSiteBandwidth", () => {
  it("spaces sends to a capped site at the cap's rate", () => {
    let t = 0;
    const bw = createSiteBandwidth(() => t);
    expect(bw.reserve("s", MB, 20_000)).toBe(0); // 20 ms worth: next is due at 20
    t = 10;
    expect(bw.reserve("s", MB, 20_000)).toBe(10);
    expect(bw.reserve("s", MB, 20_000)).toBe(30);
  });

  it("holds a minute at the cap: 60 MB take 60 s however the sends are spread", () => {
    let t = 0;
    const bw = createSiteBandwidth(() => t);
    for (let i = 0; i < 60 * 16; i++) t += bw.reserve("s", MB, 62_500);
    expect(t).toBe(60_000 - 62.5);
  });

  it("lets a late sender catch up on at most one second of allowance", () => {
    let t = 0;
    const bw = createSiteBandwidth(() => t);
    bw.reserve("s", MB, 100_000); // next free at 100 ms
    t = 5_000; // the sender was busy for 5 s
    const waits = Array.from({ length: 12 }, () => bw.reserve("s", MB, 100_000));
    // 1 s of allowance (10 × 100 kB) goes at once, then the cap applies again.
    expect(waits.slice(0, 11)).toEqual(Array(11).fill(0));
    expect(waits[11]).toBe(100);
  });

  it("does not pace an uncapped site, and keeps sites apart", () => {
    const bw = createSiteBandwidth(() => 0);
    expect(bw.reserve("a", null, 1e12)).toBe(0);
    expect(bw.reserve("b", 1_000, 1_000)).toBe(0);
    expect(bw.reserve("b", 1_000, 1_000)).toBe(1000);
    expect(bw.reserve("c", 1_000, 1_000)).toBe(0);
  });
});
