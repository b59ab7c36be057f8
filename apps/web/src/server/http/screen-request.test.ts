import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { screenRequest } from "./screen-request";

const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers }) as unknown as IncomingMessage;

describe("screenRequest", () => {
  it("lets ordinary requests through", () => {
    for (const r of [req("GET", "/"), req("POST", "/api/v1/sites?x=%zz", { "transfer-encoding": "chunked" }), req("DELETE", "/api/v1/sites/caf%C3%A9"), req("OPTIONS", "/k8s/clusters/a/api")]) {
      expect(screenRequest(r)).toBeNull();
    }
    expect(screenRequest(req("PUT", "/", { "transfer-encoding": " Chunked " }))).toBeNull();
  });

  it("refuses methods the centre does not serve with 405", () => {
    for (const m of ["TRACE", "CONNECT", "PROPFIND", "get", ""]) expect(screenRequest(req(m, "/"))?.code, m).toBe("METHOD_NOT_ALLOWED");
  });

  it("refuses any Transfer-Encoding but plain chunked", () => {
    for (const te of ["gzip", "gzip, chunked", "chunked, gzip", "identity", ""]) expect(screenRequest(req("POST", "/", { "transfer-encoding": te }))?.code, te).toBe("BAD_REQUEST");
  });

  it("refuses targets that are not a path: absolute URLs, '*', '//host'", () => {
    for (const url of ["http://evil.example/api/v1/me", "*", "//api/v1/me", "api/v1/me", ""]) expect(screenRequest(req("GET", url))?.code, url).toBe("BAD_REQUEST");
  });

  it("refuses paths that are not valid percent-encoded UTF-8", () => {
    for (const url of ["/%zz", "/api/v1/clusters/%ff", "/%E0%A4%A", "/a%"]) expect(screenRequest(req("GET", url))?.code, url).toBe("BAD_REQUEST");
  });
});
