import { describe, expect, it } from "vitest";
import { ZTunnelOpen, ZTunnelPath } from "./tunnel-protocol";

describe("tunnel paths", () => {
  const ok = (p: string) => ZTunnelPath.safeParse(p).success;

  it("accepts API server paths with queries", () => {
    expect(ok("/api/v1/nodes")).toBe(true);
    expect(ok("/apis/apps/v1/namespaces/default/deployments?watch=1&resourceVersion=10")).toBe(true);
    expect(ok("/version")).toBe(true);
  });

  it("refuses paths that could leave the API server or climb out of it", () => {
    expect(ok("http://other-cluster/api")).toBe(false);
    expect(ok("//evil.example/api")).toBe(false);
    expect(ok("/api/../../etc/passwd")).toBe(false);
    expect(ok("/api/%2e%2e/secret")).toBe(false);
    expect(ok("/api/v1\\nodes")).toBe(false);
    expect(ok("/api/v1/nodes\r\nHost: x")).toBe(false);
    expect(ok("api/v1/nodes")).toBe(false);
  });

  it("carries only the allowed request headers", () => {
    const base = { streamId: 1, method: "GET", path: "/api" };
    expect(ZTunnelOpen.safeParse({ ...base, headers: { accept: "application/json" } }).success).toBe(true);
    expect(ZTunnelOpen.safeParse({ ...base, headers: { authorization: "Bearer x" } }).success).toBe(false);
    expect(ZTunnelOpen.safeParse({ ...base, method: "CONNECT", headers: {} }).success).toBe(false);
  });
});
