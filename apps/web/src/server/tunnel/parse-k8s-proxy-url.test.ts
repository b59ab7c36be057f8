import { describe, expect, it } from "vitest";
import { parseK8sProxyUrl } from "./parse-k8s-proxy-url";

describe("parseK8sProxyUrl", () => {
  it("splits cluster id, API path and query", () => {
    expect(parseK8sProxyUrl("/k8s/clusters/abc123/api/v1/nodes?watch=1")).toEqual({ ok: true, clusterId: "abc123", path: "/api/v1/nodes?watch=1" });
    expect(parseK8sProxyUrl("/k8s/clusters/abc123")).toEqual({ ok: true, clusterId: "abc123", path: "/" });
  });

  it("refuses dot segments, encoded or not, instead of resolving them to another cluster", () => {
    for (const url of [
      "/k8s/clusters/a/../b/api",
      "/k8s/clusters/a/%2e%2e/b/api",
      "/k8s/clusters/a/%2E./b/api",
      "/k8s/clusters/a%2f..%2fb/api",
      "/k8s/clusters/a/api%5c..%5cx",
      "/k8s/clusters/a/./api",
    ]) {
      expect(parseK8sProxyUrl(url), url).toMatchObject({ ok: false, status: 400 });
    }
  });

  it("refuses malformed ids and paths, and encoded control characters in the path", () => {
    expect(parseK8sProxyUrl("/k8s/clusters/not!an!id/api")).toMatchObject({ ok: false, status: 404 });
    expect(parseK8sProxyUrl("/k8s/clusters/a//evil.example/api")).toMatchObject({ ok: false, status: 400 });
    expect(parseK8sProxyUrl("/k8s/clusters/a/api/%E0%A4%A")).toMatchObject({ ok: false, status: 400 });
    for (const url of ["/k8s/clusters/a/api/v1/nodes%0d%0aHost:%20evil", "/k8s/clusters/a/api/v1/x%00y", "/k8s/clusters/a/api/%7F"]) {
      expect(parseK8sProxyUrl(url), url).toEqual({ ok: false, status: 400, message: "control characters are not allowed in the path" });
    }
  });
});
