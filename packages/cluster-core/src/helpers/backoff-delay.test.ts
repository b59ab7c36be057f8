import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff-delay";

describe("backoffDelay", () => {
  const opts = { baseMs: 500, capMs: 30_000 };

  it("doubles the ceiling each attempt up to the cap", () => {
    const top = () => 0.999999;
    expect(backoffDelay(0, { ...opts, random: top })).toBe(499);
    expect(backoffDelay(3, { ...opts, random: top })).toBe(3999);
    expect(backoffDelay(20, { ...opts, random: top })).toBe(29_999);
  });

  it("spreads delays over the whole range", () => {
    const seen = Array.from({ length: 2000 }, () => backoffDelay(10, opts));
    expect(Math.min(...seen)).toBeLessThan(3000);
    expect(Math.max(...seen)).toBeGreaterThan(27_000);
    expect(seen.every((d) => d >= 0 && d < 30_000)).toBe(true);
  });

  it("rejects a negative attempt", () => {
    expect(() => backoffDelay(-1, opts)).toThrow(RangeError);
  });
});
