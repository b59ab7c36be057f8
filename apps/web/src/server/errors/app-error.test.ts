import { describe, expect, it, vi } from "vitest";
import { AppError } from "./app-error";

describe("AppError", () => {
  it("is recognised across copies of the module (the server bundle and Next's route bundles)", async () => {
    vi.resetModules();
    const copy = await import("./app-error");
    expect(copy.AppError).not.toBe(AppError);
    const err = new copy.AppError("CONFLICT", "from the other bundle");
    expect(err instanceof AppError).toBe(true);
    expect(new Error("plain") instanceof AppError).toBe(false);
  });
});
