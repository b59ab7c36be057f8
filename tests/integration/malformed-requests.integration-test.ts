import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { rawExchange, type RawExchange } from "../support/raw-http";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** Issue 15, defects 3, 5, 6 and 9: malformed requests get a clear 4xx, run no handler and change nothing. */
describe("malformed requests", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let clusterId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    const site = await admin.createSite("malformed-site");
    await admin.createRegistrationToken(site.id, "malformed-k3s");
    const reg = await admin.createRegistrationToken(site.id, "malformed-k3s-2");
    const res = await fetch(`${centre.url}/api/v1/agent/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ registrationToken: reg.token, agentVersion: "t", simulated: true }),
    });
    clusterId = ((await res.json()) as { clusterId: string }).clusterId;
  });
  afterAll(async () => {
    await centre?.stop();
    await db?.drop();
  });

  const raw = (head: string, body = "") => rawExchange(centre.port, `${head.replace(/\n/g, "\r\n")}\r\n\r\n${body}`);
  const jsonBody = (res: RawExchange) => JSON.parse(res.body) as Record<string, unknown>;
  const signedIn = (method: string, path: string, extra = "") => `${method} ${path} HTTP/1.1\nHost: 127.0.0.1:${centre.port}\nCookie: ${admin.sessionCookie}${extra}`;
  const tokens = async () => (await admin.ok<unknown[]>("GET", "/api/v1/api-tokens")).length;
  const sites = async () => (await admin.ok<{ name: string }[]>("GET", "/api/v1/sites")).map((s) => s.name);

  describe("defect 3: malformed cookies", () => {
    it("answers the kube proxy's 401 Status (API tokens only) for a session cookie that is not valid percent-encoding, never a 500", async () => {
      // The kube proxy never reads the session cookie (issue 14), so a broken one is no identity at all.
      const res = await raw("GET /k8s/clusters/x/api HTTP/1.1\nHost: localhost\nCookie: outpost_session=%zz");
      expect(res.status, res.raw).toBe(401);
      expect(jsonBody(res)).toMatchObject({ kind: "Status", code: 401, message: expect.stringMatching(/API tokens only/) });
    });

    it("answers 400 on the API for the same cookie", async () => {
      const res = await raw("GET /api/v1/me HTTP/1.1\nHost: localhost\nCookie: outpost_session=%E0%A4%A");
      expect(res.status, res.raw).toBe(400);
      expect(jsonBody(res)).toMatchObject({ error: { code: "BAD_REQUEST" } });
    });

    it("refuses a /ui socket with such a cookie at once, with a reason", async () => {
      const socket = io(`${centre.url}/ui`, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: "outpost_session=%zz" } });
      try {
        const err = await new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
          socket.once("connect_error", resolve);
          socket.once("connect", () => reject(new Error("connected")));
          setTimeout(() => reject(new Error("no answer within 5 s")), 5_000);
        });
        expect(err.data?.code).toBe("BAD_REQUEST");
      } finally {
        socket.close();
      }
    });
  });

  describe("defect 5: a clear 4xx instead of 500", () => {
    it("refuses lone surrogates and NUL in JSON bodies (login, site location, token name) and stores nothing", async () => {
      const anonLogin = await raw(`POST /api/v1/auth/login HTTP/1.1\nHost: localhost\nContent-Type: application/json\nContent-Length: 40`, '{"username":"\\ud800","password":"xxxxxx"}'.slice(0, 40));
      expect(anonLogin.status, anonLogin.raw).toBe(422);
      const before = await sites();
      for (const body of ['{"name":"lone-1","location":"\\ud800"}', '{"name":"lone-2","location":"a\\udc00b"}', '{"name":"nul-1","location":"a\\u0000b"}']) {
        const res = await admin.call("POST", "/api/v1/sites", body);
        expect(res.status, body).toBe(422);
        expect(JSON.stringify(res.body), body).toMatch(/unpaired surrogate|NUL character/);
      }
      expect(await sites()).toEqual(before);
      const tokenCount = await tokens();
      expect((await admin.call("POST", "/api/v1/api-tokens", '{"name":"\\ud83d"}')).status).toBe(422);
      expect(await tokens()).toBe(tokenCount);
    });

    it("refuses a manifest nested 10,000 levels deep", async () => {
      const deep = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
      // Not 0: the centre's own RBAC bindings (the "access" source) are already in the desired state.
      const before = (await admin.ok<{ generation: number }>("GET", `/api/v1/clusters/${clusterId}/desired-state`)).generation;
      const res = await admin.call("PUT", `/api/v1/clusters/${clusterId}/desired-state`, `{"manifests":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":${deep}}]}`);
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).toMatch(/nested deeper than/);
      const state = await admin.ok<{ generation: number }>("GET", `/api/v1/clusters/${clusterId}/desired-state`);
      expect(state.generation).toBe(before);
    });

    it("answers 400 for ids that are not valid percent-encoding, before authentication", async () => {
      for (const path of ["/api/v1/clusters/%zz", "/api/v1/clusters/%ff", "/api/v1/sites/%E0%A4%A", "/%zz", "/clusters/%ff"]) {
        const res = await raw(`GET ${path} HTTP/1.1\nHost: localhost`);
        expect(res.status, `${path}: ${res.raw.slice(0, 200)}`).toBe(400);
        expect(jsonBody(res), path).toMatchObject({ error: { code: "BAD_REQUEST" } });
      }
    });

    it("answers 405 with a JSON error for TRACE and other methods the centre does not serve", async () => {
      for (const [method, path] of [["TRACE", "/"], ["TRACE", "/api/v1/me"], ["CONNECT", "/api/v1/me"], ["PROPFIND", "/api/v1/me"], ["PUT", "/api/v1/me"], ["DELETE", "/api/v1/auth/login"]]) {
        const res = await raw(`${method} ${path} HTTP/1.1\nHost: localhost\nContent-Length: 0`);
        expect(res.status, `${method} ${path}: ${res.raw.slice(0, 200)}`).toBe(405);
        expect(jsonBody(res), `${method} ${path}`).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED" } });
      }
    });
  });

  describe("defect 6: requests Node refuses run no handler", () => {
    it("mints no API token for a kubeconfig request with Transfer-Encoding: gzip", async () => {
      const before = await tokens();
      const res = await raw(signedIn("POST", `/api/v1/clusters/${clusterId}/kubeconfig`, "\nTransfer-Encoding: gzip"), "abc");
      expect(res.status).toBe(400);
      expect(await tokens()).toBe(before);
    });

    it("ends no session for a logout with Transfer-Encoding: gzip", async () => {
      const res = await raw(signedIn("POST", "/api/v1/auth/logout", "\nTransfer-Encoding: gzip"), "abc");
      expect(res.status).toBe(400);
      expect((await admin.call("GET", "/api/v1/me")).status).toBe(200);
    });

    it("does not log an aborted body as an unexpected error", async () => {
      await rawExchange(centre.port, "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"username\":", { timeoutMs: 300 });
      await new Promise((r) => setTimeout(r, 500));
      expect(centre.process.output()).not.toMatch(/unexpected error/);
    });
  });

  describe("defect 9: origins", () => {
    it("refuses a cross-site logout and keeps the session", async () => {
      const res = await raw(signedIn("POST", "/api/v1/auth/logout", "\nOrigin: http://evil.example\nContent-Length: 0"));
      expect(res.status).toBe(403);
      expect((await admin.call("GET", "/api/v1/me")).status).toBe(200);
    });

    it("does not take X-Forwarded-Host from an untrusted caller as the centre's own host", async () => {
      const before = await sites();
      const body = JSON.stringify({ name: "forwarded-evil" });
      const res = await raw(signedIn("POST", "/api/v1/sites", `\nOrigin: http://evil.example\nX-Forwarded-Host: evil.example\nContent-Type: application/json\nContent-Length: ${body.length}`), body);
      expect(res.status).toBe(403);
      expect(await sites()).toEqual(before);
    });
  });
});
