import { describe, expect, it } from "vitest";
import { filterRelayedHeaders, SANDBOX_HEADERS } from "./filter-relayed-headers";

const PREFIX = "/k8s/clusters/c1";

describe("filterRelayedHeaders", () => {
  it("keeps allowed headers under one lower-case name, merging spellings", () => {
    const out = filterRelayedHeaders({ "Content-Type": "application/json", Warning: "299 - \"a\"", warning: ["299 - \"b\""] }, PREFIX);
    expect(out).toEqual({ ok: true, headers: { "content-type": "application/json", warning: ['299 - "a"', '299 - "b"'], ...SANDBOX_HEADERS } });
  });

  it("drops lengths, cookies, hop-by-hop, policies and unknown names; the sandbox headers are the centre's", () => {
    const out = filterRelayedHeaders(
      { "content-length": "1", "transfer-encoding": "chunked", "set-cookie": "a=b", connection: "close", upgrade: "h2c", "x-anything": "1", "content-security-policy": "default-src *", "x-content-type-options": "sniff" },
      PREFIX,
    );
    expect(out).toEqual({ ok: true, headers: { ...SANDBOX_HEADERS } });
  });

  it("drops values with control characters and names that are not tokens", () => {
    const out = filterRelayedHeaders({ etag: "a\r\nset-cookie: x", "cache control": "x", "cache-control": ["ok", "bad\u0000"] }, PREFIX);
    expect(out).toEqual({ ok: true, headers: { "cache-control": "ok", ...SANDBOX_HEADERS } });
  });

  it("rewrites a redirect to an API path under the proxy prefix and refuses any other", () => {
    expect(filterRelayedHeaders({ Location: "/api/v1?x=1" }, PREFIX)).toEqual({ ok: true, headers: { location: `${PREFIX}/api/v1?x=1`, ...SANDBOX_HEADERS } });
    for (const location of ["http://evil/", "//evil/", "/\\evil", "/a/../../b", "evil", "", "/a\nb"]) {
      expect(filterRelayedHeaders({ location }, PREFIX).ok, location).toBe(false);
    }
    expect(filterRelayedHeaders({ location: ["/a", "/b"] }, PREFIX).ok).toBe(false);
  });
});
