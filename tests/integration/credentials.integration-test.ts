import { readFileSync } from "node:fs";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentCredentialView, ClusterSummary } from "@outpost/cluster-core";
import { startAgent, type AgentProcess } from "../support/agent";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * Credentials end when they should: agent credentials rotate (on demand and on a schedule)
 * without the agent ever losing its link, and are revoked at once with the reason told; a
 * revoked session, token or user loses its open sockets within a second; no bearer token can
 * mint credentials or users.
 */
describe("credentials: rotation, revocation and what tokens may not do", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let siteId: string;
  const agents: AgentProcess[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // A credential this old is rotated on the scheduled check: ~3 s.
    centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_AGENT_CREDENTIAL_ROTATE_DAYS: "0.000035" } });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    siteId = (await admin.createSite("kiosk-9")).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(agents.map((a) => a.stop()));
    await centre?.stop();
    await db?.drop();
  });

  async function launch(name: string): Promise<{ agent: AgentProcess; cluster: ClusterSummary }> {
    const { token } = await admin.createRegistrationToken(siteId, name);
    const agent = startAgent({ server: centre.url, registrationToken: token, simulate: name });
    agents.push(agent);
    const cluster = await eventually(async () => (await admin.clusters()).find((c) => c.name === name), (c) => c?.status === "online", `${name} online`);
    return { agent, cluster: cluster! };
  }
  const storedSecret = (agent: AgentProcess) => (JSON.parse(readFileSync(join(agent.stateDir, "credential.json"), "utf8")) as { credential: string }).credential;
  /** Connects to /agent with a credential; resolves with what the centre said. */
  const tryAgentSocket = (clusterId: string, credential: string) =>
    new Promise<string>((resolve) => {
      const s = io(`${centre.url}/agent`, { auth: { clusterId, credential, agentVersion: "test" }, transports: ["websocket"], reconnection: false, forceNew: true });
      sockets.push(s);
      s.on("connect", () => (s.close(), resolve("connected")));
      s.on("connect_error", (err) => resolve(err.message));
    });
  /** A signed-in browser's live socket, connected; `closed` resolves with the time the centre closed it. */
  const uiSocket = async (opts: { cookie?: string; token?: string }): Promise<{ closed: Promise<number> }> => {
    const s = io(`${centre.url}/ui`, { transports: ["websocket"], reconnection: false, forceNew: true, ...(opts.cookie ? { extraHeaders: { cookie: opts.cookie } } : {}), ...(opts.token ? { auth: { token: opts.token } } : {}) });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => (s.on("connect", resolve), s.on("connect_error", reject)));
    return { closed: new Promise<number>((resolve) => s.on("disconnect", () => resolve(performance.now()))) };
  };
  const within = async (closed: Promise<number>, act: () => Promise<unknown>) => {
    const t0 = performance.now();
    await act();
    return (await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(Infinity), 3_000))])) - t0;
  };

  it("rotates an agent's credential on a schedule without the agent going offline, and the old one stops working", async () => {
    const { agent, cluster } = await launch("kiosk-9-rotating");
    const first = storedSecret(agent);
    await eventually(async () => storedSecret(agent), (s) => s !== first, "credential.json holds a rotated credential", 20_000);
    expect(await tryAgentSocket(cluster.id, first)).toMatch(/revoked at .*: (rotated|superseded)/);
    expect(agent.output()).not.toMatch(/disconnected/);
    expect((await admin.clusters()).find((c) => c.id === cluster.id)!.status).toBe("online");
    const audit = await admin.ok<{ action: string; actorName: string; details: { reason?: string } }[]>("GET", "/api/v1/audit?limit=50");
    expect(audit.find((e) => e.action === "agent-credential.rotate")).toMatchObject({ actorName: "system", details: { reason: "schedule" } });
  });

  it("rotates on demand, and a restarted agent connects with the credential it saved", async () => {
    const { agent, cluster } = await launch("kiosk-9-on-demand");
    const before = storedSecret(agent);
    // The scheduled check may rotate concurrently: retry until an on-demand rotation goes through.
    const view = await eventually(() => admin.call<AgentCredentialView>("POST", `/api/v1/clusters/${cluster.id}/agent-credential/rotate`), (r) => r.status === 200, "rotation accepted");
    expect(view.body.current).not.toBeNull();
    expect(storedSecret(agent)).not.toBe(before);
    await agent.stop();
    const again = startAgent({ server: centre.url, registrationToken: "reg_spent-token-0000", simulate: "kiosk-9-on-demand", stateDir: agent.stateDir });
    agents.push(again);
    await eventually(async () => (await admin.clusters()).find((c) => c.id === cluster.id), (c) => c?.status === "online", "back online with the saved credential");
  });

  it("revokes an agent from the API: it is disconnected at once, told why, and stays out", async () => {
    const { agent, cluster } = await launch("kiosk-9-stolen");
    const secret = storedSecret(agent);
    const res = await admin.call<AgentCredentialView>("POST", `/api/v1/clusters/${cluster.id}/agent-credential/revoke`, { reason: "device stolen from the shop" });
    expect(res.status).toBe(200);
    expect(res.body.revoked?.reason).toBe("device stolen from the shop");
    await agent.waitFor(/device stolen from the shop/, 5_000);
    await eventually(async () => agent.child.exitCode, (code) => code === 3, "agent exited: rejected by the centre", 5_000);
    expect(await tryAgentSocket(cluster.id, secret)).toMatch(/revoked at .*: device stolen from the shop/);
    await eventually(async () => (await admin.clusters()).find((c) => c.id === cluster.id)?.status, (s) => s === "offline", "shown offline");
  });

  it("closes a session's live socket within a second of signing out", async () => {
    const user = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    const { closed } = await uiSocket({ cookie: user.sessionCookie! });
    expect(await within(closed, () => user.ok("POST", "/api/v1/auth/logout"))).toBeLessThan(1_000);
  });

  it("closes a token's live socket within a second of revoking the token", async () => {
    const created = await admin.ok<{ id: string; token: string }>("POST", "/api/v1/api-tokens", { name: "dashboard screen" });
    const { closed } = await uiSocket({ token: created.token });
    expect(await within(closed, () => admin.ok("DELETE", `/api/v1/api-tokens/${created.id}`))).toBeLessThan(1_000);
  });

  it("closes a user's live sockets within a second of disabling them", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "temp-staff", password: "temp-staff-password", role: "viewer" });
    const user = await ApiClient.signIn(centre.url, "temp-staff", "temp-staff-password");
    const token = (await user.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "mine" })).token;
    const bySession = await uiSocket({ cookie: user.sessionCookie! });
    const byToken = await uiSocket({ token });
    const id = (await admin.ok<{ id: string; username: string }[]>("GET", "/api/v1/users")).find((u) => u.username === "temp-staff")!.id;
    const both = Promise.all([bySession.closed, byToken.closed]).then((times) => Math.max(...times));
    expect(await within(both, () => admin.ok("PATCH", `/api/v1/users/${id}`, { disabled: true }))).toBeLessThan(1_000);
  });

  it("lets no bearer token mint tokens, create users or change grants", async () => {
    const token = (await admin.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "ci" })).token;
    const bearer = ApiClient.withToken(centre.url, token);
    for (const [method, path, body] of [
      ["POST", "/api/v1/api-tokens", { name: "longer-lived", expiresInDays: 3650 }],
      ["POST", "/api/v1/users", { username: "backdoor", password: "backdoor-password", role: "admin" }],
      ["POST", "/api/v1/grants", { subject: { kind: "user", userId: "x" }, role: "admin", scope: { kind: "all" } }],
    ] as const) {
      const res = await bearer.call<{ error: { message: string } }>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toMatch(/API tokens cannot do this/);
    }
    expect((await admin.ok<{ username: string }[]>("GET", "/api/v1/users")).map((u) => u.username)).not.toContain("backdoor");
    // Reading with it still works.
    expect((await bearer.call("GET", "/api/v1/clusters")).status).toBe(200);
  });
});
