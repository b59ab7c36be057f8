import { describe, expect, it } from "vitest";
import { classifyRegisterResponse } from "./classify-register-response";

const REGISTERED = { clusterId: "clu_1", clusterName: "store-042", credential: "x".repeat(40) };

describe("classifyRegisterResponse", () => {
  it.each([200, 201])("accepts a valid registration answered with %i", (status) => {
    expect(classifyRegisterResponse(status, REGISTERED)).toEqual({ kind: "registered", response: REGISTERED });
  });

  it("retries a success status whose body is not a registration (a proxy page, a server bug)", () => {
    expect(classifyRegisterResponse(201, { clusterId: "clu_1" })).toMatchObject({ kind: "retry" });
    expect(classifyRegisterResponse(200, undefined)).toMatchObject({ kind: "retry" });
  });

  it("treats a 4xx as final and passes on the centre's message", () => {
    const body = { error: { code: "REGISTRATION_TOKEN_USED", message: "this registration token was already used" } };
    expect(classifyRegisterResponse(409, body)).toEqual({
      kind: "rejected",
      code: "REGISTRATION_TOKEN_USED",
      message: "this registration token was already used",
    });
  });

  it("still rejects a 4xx without an error body", () => {
    expect(classifyRegisterResponse(404, undefined)).toEqual({ kind: "rejected", code: "HTTP_404", message: "the centre answered HTTP 404" });
  });

  it.each([408, 429, 500, 502, 503])("retries HTTP %i", (status) => {
    expect(classifyRegisterResponse(status, undefined)).toEqual({ kind: "retry", reason: `HTTP ${status}` });
  });

  it("keeps the centre's message for a 5xx in the retry reason", () => {
    expect(classifyRegisterResponse(503, { error: { code: "UNAVAILABLE", message: "database is migrating" } })).toEqual({
      kind: "retry",
      reason: "HTTP 503: database is migrating",
    });
  });
});
