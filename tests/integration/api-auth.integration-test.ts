import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("API: authentication, roles and bad input", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await centre?.stop();
    await db?.drop();
  });

  const auditCount = async () => (await admin.ok<unknown[]>("GET", "/api/v1/audit?limit=1000")).length;

  it("creates the first admin from OUTPOST_ADMIN_PASSWORD and refuses wrong passwords", async () => {
    const me = await admin.ok<{ username: string; role: string }>("GET", "/api/v1/me");
    expect(me).toMatchObject({ username: "admin", role: "admin" });
    const bad = await new ApiClient(centre.url).call("POST", "/api/v1/auth/login", { username: "admin", password: "not-the-password" });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: { code: "UNAUTHENTICATED", message: "wrong username or password" } });
  });

  it("refuses every route without a session or token, and changes nothing", async () => {
    const anon = new ApiClient(centre.url);
    const before = await auditCount();
    for (const [method, path, body] of [
      ["GET", "/api/v1/clusters", undefined],
      ["GET", "/api/v1/sites", undefined],
      ["POST", "/api/v1/sites", { name: "sneaky" }],
      ["GET", "/api/v1/users", undefined],
      ["POST", "/api/v1/users", { username: "mallory", password: "long-enough-password", role: "admin" }],
      ["POST", "/api/v1/registration-tokens", { siteId: "x", clusterName: "y" }],
      ["GET", "/api/v1/audit", undefined],
    ] as const) {
      const res = await anon.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    const forged = ApiClient.withToken(centre.url, "opt_forged-token-that-does-not-exist");
    expect((await forged.call("GET", "/api/v1/me")).status).toBe(401);
    expect((await admin.ok<{ name: string }[]>("GET", "/api/v1/sites")).map((s) => s.name)).not.toContain("sneaky");
    expect((await admin.ok<{ username: string }[]>("GET", "/api/v1/users")).map((u) => u.username)).not.toContain("mallory");
    expect(await auditCount()).toBe(before);
  });

  it("rejects malformed bodies with a clear error and changes nothing", async () => {
    const before = await admin.ok<unknown[]>("GET", "/api/v1/sites");
    const notJson = await admin.call("POST", "/api/v1/sites", "{not json", { "content-type": "application/json" });
    expect(notJson.status).toBe(422);
    expect(notJson.body).toMatchObject({ error: { code: "INVALID_INPUT", message: "the body is not valid JSON" } });

    const wrongType = await admin.call("POST", "/api/v1/sites", "name=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(415);

    const badName = await admin.call("POST", "/api/v1/sites", { name: "Not A DNS Name" });
    expect(badName.status).toBe(422);
    expect(badName.body).toMatchObject({ error: { issues: [{ path: "name" }] } });

    const badTz = await admin.call("POST", "/api/v1/sites", { name: "tz-test", timeZone: "Mars/Olympus" });
    expect(badTz.status).toBe(422);
    expect(JSON.stringify(badTz.body)).toContain("IANA time zone");

    const badLabels = await admin.call("POST", "/api/v1/sites", { name: "label-test", labels: { "bad key": "x" } });
    expect(badLabels.status).toBe(422);

    const huge = await admin.call("POST", "/api/v1/sites", { name: "huge", location: "x".repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });

    expect(await admin.ok<unknown[]>("GET", "/api/v1/sites")).toEqual(before);
  });

  it("enforces roles: a viewer reads but cannot write or manage users", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "vera", password: "viewer-password-1", role: "viewer" });
    const viewer = await ApiClient.signIn(centre.url, "vera", "viewer-password-1");
    expect((await viewer.call("GET", "/api/v1/clusters")).status).toBe(200);
    expect((await viewer.call("GET", "/api/v1/sites")).status).toBe(200);

    const before = await auditCount();
    const users = await viewer.call<{ error: { code: string } }>("GET", "/api/v1/users");
    expect(users.status).toBe(403);
    expect(users.body.error.code).toBe("FORBIDDEN");
    expect((await viewer.call("POST", "/api/v1/sites", { name: "by-viewer" })).status).toBe(403);
    expect((await viewer.call("POST", "/api/v1/users", { username: "escalate", password: "long-enough-password", role: "admin" })).status).toBe(403);
    expect((await viewer.call("GET", "/api/v1/audit")).status).toBe(403);
    expect(await auditCount()).toBe(before);
  });

  it("lets an operator manage sites but not users", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "otto", password: "operator-password-1", role: "operator" });
    const op = await ApiClient.signIn(centre.url, "otto", "operator-password-1");
    expect((await op.call("POST", "/api/v1/sites", { name: "by-operator", timeZone: "Europe/Berlin" })).status).toBe(201);
    expect((await op.call("GET", "/api/v1/users")).status).toBe(403);
  });

  it("refuses cookie-authenticated writes from another origin", async () => {
    const res = await admin.call("POST", "/api/v1/sites", { name: "csrf-site" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await admin.ok<{ name: string }[]>("GET", "/api/v1/sites")).map((s) => s.name)).not.toContain("csrf-site");
  });

  it("API tokens act with their owner's role, are stored hashed and can be revoked", async () => {
    const created = await admin.ok<{ id: string; token: string }>("POST", "/api/v1/api-tokens", { name: "ci script" });
    expect(created.token).toMatch(/^opt_/);
    const script = ApiClient.withToken(centre.url, created.token);
    expect(await script.ok("GET", "/api/v1/me")).toMatchObject({ username: "admin" });
    const listed = await admin.ok<unknown[]>("GET", "/api/v1/api-tokens");
    expect(JSON.stringify(listed)).not.toContain(created.token);
    await admin.ok("DELETE", `/api/v1/api-tokens/${created.id}`);
    expect((await script.call("GET", "/api/v1/me")).status).toBe(401);
  });

  it("ends a user's sessions when an admin disables them", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "dana", password: "dana-password-1", role: "operator" });
    const dana = await ApiClient.signIn(centre.url, "dana", "dana-password-1");
    const users = await admin.ok<{ id: string; username: string }[]>("GET", "/api/v1/users");
    const id = users.find((u) => u.username === "dana")!.id;
    await admin.ok("PATCH", `/api/v1/users/${id}`, { disabled: true });
    expect((await dana.call("GET", "/api/v1/me")).status).toBe(401);
    const again = await new ApiClient(centre.url).call("POST", "/api/v1/auth/login", { username: "dana", password: "dana-password-1" });
    expect(again.status).toBe(401);
  });

  it("refuses sign-ins as a user after five wrong passwords, even the right one, and leaves others alone", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "erin", password: "erin-password-1", role: "viewer" });
    const before = await auditCount();
    const anon = new ApiClient(centre.url);
    const attempt = (username: string, password: string) => anon.call("POST", "/api/v1/auth/login", { username, password });
    for (let i = 0; i < 5; i++) expect((await attempt("erin", `guess-${i}-password`)).status).toBe(401);
    const locked = await attempt("Erin", "erin-password-1");
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: "RATE_LIMITED", message: expect.stringMatching(/^too many failed sign-ins for this user; try again in \d+ s$/) } });
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect((await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD)).sessionCookie).toBeTruthy();
    expect(await auditCount()).toBe(before + 1); // the admin's sign-in; refusals write nothing
  });

  it("keeps an admin signed in where they reset their own password, and ends their other sessions", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "frank", password: "frank-password-1", role: "admin" });
    const here = await ApiClient.signIn(centre.url, "frank", "frank-password-1");
    const elsewhere = await ApiClient.signIn(centre.url, "frank", "frank-password-1");
    const me = await here.ok<{ id: string }>("GET", "/api/v1/me");
    await here.ok("PATCH", `/api/v1/users/${me.id}`, { password: "frank-password-2" });
    expect((await here.call("GET", "/api/v1/me")).status).toBe(200);
    expect((await elsewhere.call("GET", "/api/v1/me")).status).toBe(401);
    expect((await new ApiClient(centre.url).call("POST", "/api/v1/auth/login", { username: "frank", password: "frank-password-1" })).status).toBe(401);
    expect((await ApiClient.signIn(centre.url, "frank", "frank-password-2")).sessionCookie).toBeTruthy();
  });

  it("never lets an admin lock themselves out", async () => {
    const me = await admin.ok<{ id: string }>("GET", "/api/v1/me");
    expect((await admin.call("PATCH", `/api/v1/users/${me.id}`, { role: "viewer" })).status).toBe(409);
    expect((await admin.call("DELETE", `/api/v1/users/${me.id}`)).status).toBe(409);
  });

  it("writes an audit event for every mutating action", async () => {
    const before = await auditCount();
    const site = await admin.createSite("audited-site");
    await admin.ok("PATCH", `/api/v1/sites/${site.id}`, { location: "Hall 3" });
    await admin.ok("DELETE", `/api/v1/sites/${site.id}`);
    const events = await admin.ok<{ action: string; actorName: string }[]>("GET", "/api/v1/audit?limit=3");
    expect(await auditCount()).toBe(before + 3);
    expect(events.map((e) => e.action)).toEqual(["site.delete", "site.update", "site.create"]);
    expect(events.every((e) => e.actorName === "admin")).toBe(true);
  });
});
