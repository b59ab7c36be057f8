import { describe, expect, it } from "vitest";
import { createLoginThrottle } from "./login-throttle";

describe("login throttle", () => {
  const setup = () => {
    let t = 1_000_000;
    const throttle = createLoginThrottle({ maxFailures: 3, windowMs: 60_000, now: () => t, maxTracked: 2 });
    return { throttle, advance: (ms: number) => (t += ms) };
  };

  it("locks a username after too many failures and says when to retry", () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds("alice")).toBe(0);
      throttle.failed("alice");
      advance(10_000);
    }
    // The first failure leaves the window 60 s after it happened, 30 s from now.
    expect(throttle.retryAfterSeconds("ALICE")).toBe(30);
    expect(throttle.retryAfterSeconds("bob")).toBe(0);
    advance(30_000);
    expect(throttle.retryAfterSeconds("alice")).toBe(0);
  });

  it("forgets a username's failures after a successful sign-in", () => {
    const { throttle } = setup();
    throttle.failed("alice");
    throttle.failed("alice");
    throttle.succeeded("alice");
    throttle.failed("alice");
    throttle.failed("alice");
    expect(throttle.retryAfterSeconds("alice")).toBe(0);
  });

  it("tracks a bounded number of usernames, forgetting the least recently failed", () => {
    const { throttle } = setup();
    for (let i = 0; i < 3; i++) throttle.failed("alice");
    for (let i = 0; i < 3; i++) throttle.failed("bob");
    for (let i = 0; i < 3; i++) throttle.failed("carol");
    expect(throttle.retryAfterSeconds("alice")).toBe(0);
    expect(throttle.retryAfterSeconds("bob")).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds("carol")).toBeGreaterThan(0);
  });
});
