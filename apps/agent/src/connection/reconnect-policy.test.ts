import { describe, expect, it } from "vitest";
import { ReconnectPolicy } from "./reconnect-policy";

// random() just below 1 makes every delay its ceiling, so the sequence shows the backoff curve.
const atCeiling = () => 0.999999;
const options = { baseMs: 1_000, capMs: 60_000, stableAfterMs: 30_000, random: atCeiling };

describe("ReconnectPolicy", () => {
  it("doubles the ceiling per failed attempt up to the cap", () => {
    const policy = new ReconnectPolicy(options);
    const delays = Array.from({ length: 9 }, () => policy.nextDelay(null));
    expect(delays).toEqual([999, 1999, 3999, 7999, 15999, 31999, 59999, 59999, 59999]);
  });

  it("keeps backing off after connections that dropped quickly", () => {
    const policy = new ReconnectPolicy(options);
    policy.nextDelay(null);
    policy.nextDelay(5_000);
    expect(policy.nextDelay(29_999)).toBe(3999);
  });

  it("starts over after a connection that stayed up long enough", () => {
    const policy = new ReconnectPolicy(options);
    for (let i = 0; i < 8; i++) policy.nextDelay(null);
    expect(policy.nextDelay(30_000)).toBe(999);
    expect(policy.nextDelay(null)).toBe(1999);
  });

  it("spreads delays over [0, ceiling) with full jitter", () => {
    const policy = new ReconnectPolicy({ ...options, random: () => 0 });
    expect(policy.nextDelay(null)).toBe(0);
    const values = [0.25, 0.5];
    const jittered = new ReconnectPolicy({ ...options, random: () => values.shift() ?? 0 });
    expect([jittered.nextDelay(null), jittered.nextDelay(null)]).toEqual([250, 1000]);
  });
});
