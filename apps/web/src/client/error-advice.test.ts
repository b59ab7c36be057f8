import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { errorAdvice } from "./error-advice";

describe("errorAdvice", () => {
  it("tells the user what to do for network, busy, forbidden and server failures", () => {
    expect(errorAdvice(new ApiError(0, "NETWORK", "cannot reach"))).toMatch(/network connection/);
    expect(errorAdvice(new ApiError(503, "DATABASE_BUSY", "database is locked"))).toMatch(/Nothing was changed; try again/);
    expect(errorAdvice(new ApiError(403, "FORBIDDEN", "no"))).toMatch(/Ask an admin/);
    expect(errorAdvice(new ApiError(500, "INTERNAL", "internal error"))).toMatch(/log has the details/);
  });

  it("adds nothing where the server's message already says what to fix", () => {
    expect(errorAdvice(new ApiError(422, "INVALID_INPUT", "name: use lower-case letters"))).toBe("");
    expect(errorAdvice(new Error("plain"))).toBe("");
  });
});
