import { describe, expect, it, vi } from "vitest";
import { AppError } from "./app-error";

describe("AppError", () => {
  it("is recognised by instanceof across copies of the module (Next bundles its own)", async () => {
    vi.resetModules();
    const copy = await import("./app-error");
    expect(copy.AppError).not.toBe(AppError);
    expect(new copy.AppError("NOT_FOUND", "x") instanceof AppError).toBe(true);
    expect(new AppError("NOT_FOUND", "x") instanceof copy.AppError).toBe(true);
    expect(new Error("plain") instanceof AppError).toBe(false);
    expect({ code: "NOT_FOUND" } instanceof AppError).toBe(false);
    expect((null as unknown) instanceof AppError).toBe(false);
  });
});
