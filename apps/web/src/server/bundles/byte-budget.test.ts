import { describe, expect, it } from "vitest";
import { createByteBudget } from "./byte-budget";

describe("createByteBudget", () => {
  it("grants up to the limit, then first come first served as bytes are released", async () => {
    const budget = createByteBudget(10);
    await budget.acquire(6);
    const order: string[] = [];
    const a = budget.acquire(6).then(() => order.push("a"));
    const b = budget.acquire(2).then(() => order.push("b")); // fits, but waits its turn behind a
    await Promise.resolve();
    expect(order).toEqual([]);
    budget.release(6);
    await Promise.all([a, b]);
    expect(order).toEqual(["a", "b"]);
    expect(budget.inUse()).toBe(8);
  });

  it("a waiter that gives up holds nothing and lets the next one in", async () => {
    const budget = createByteBudget(4);
    await budget.acquire(4);
    const abort = new AbortController();
    const gaveUp = budget.acquire(4, abort.signal);
    const next = budget.acquire(1);
    abort.abort(new Error("transfer cancelled"));
    await expect(gaveUp).rejects.toThrow("transfer cancelled");
    budget.release(4);
    await next;
    expect(budget.inUse()).toBe(1);
  });
});
