import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it("keeps local paths with their query", () => {
    expect(safeNextPath("/clusters/abc?tab=nodes")).toBe("/clusters/abc?tab=nodes");
  });
  it("refuses other origins and odd values", () => {
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "", undefined, ["/x"], "/login", "/api/v1/me"]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });
});
