import { describe, expect, it } from "vitest";
import { isTrustedProxy, parseTrustedProxies } from "./trusted-proxies";

describe("trusted proxies", () => {
  const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, fd00::/8");

  it("matches addresses and ranges, IPv4-mapped IPv6 included", () => {
    expect(isTrustedProxy(trusted, "127.0.0.1")).toBe(true);
    expect(isTrustedProxy(trusted, "::ffff:127.0.0.1")).toBe(true);
    expect(isTrustedProxy(trusted, "10.20.30.40")).toBe(true);
    expect(isTrustedProxy(trusted, "fd00::1")).toBe(true);
    expect(isTrustedProxy(trusted, "192.168.1.1")).toBe(false);
    expect(isTrustedProxy(trusted, undefined)).toBe(false);
    expect(isTrustedProxy(parseTrustedProxies(""), "127.0.0.1")).toBe(false);
  });

  it("refuses what is not an address or range, naming it", () => {
    for (const bad of ["localhost", "10.0.0.0/33", "10.0.0.0/8/1", "1.2.3", "::1/129"]) expect(() => parseTrustedProxies(bad)).toThrow(bad);
  });
});
