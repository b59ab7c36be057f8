import { statSync } from "node:fs";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterSummary } from "@outpost/cluster-core";
import { RECONNECT_BACKOFF } from "../../apps/agent/src/connection/connection-loop";
import { startAgent, type AgentProcess } from "../support/agent";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** A socket.io handshake plus the first heartbeat, on a machine shared by many test processes. */
const HANDSHAKE_SLACK_MS = 15_000;

describe("agents: registration, presence and snapshots with real agent processes", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let siteId: string;
  const agents: AgentProcess[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_AGENT_HEARTBEAT_TIMEOUT_MS: "4000" } });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    siteId = (await admin.createSite("depot-7", { region: "north" })).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(agents.map((a) => a.stop()));
    await centre?.stop();
    await db?.drop();
  });

  /** The newest agent process of each simulated cluster. */
  const newest = new Map<string, AgentProcess>();
  const launch = (opts: Parameters<typeof startAgent>[0]) => {
    const a = startAgent(opts);
    agents.push(a);
    newest.set(opts.simulate!, a);
    return a;
  };
  /** Registers a cluster the way an agent does, without an agent: its id and credential. */
  const registerRaw = async (name: string): Promise<{ clusterId: string; credential: string }> => {
    const { token } = await admin.createRegistrationToken(siteId, name);
    const reg = await fetch(`${centre.url}/api/v1/agent/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ registrationToken: token, agentVersion: "test", simulated: true }),
    });
    expect(reg.status).toBe(201);
    return (await reg.json()) as { clusterId: string; credential: string };
  };
  const byName = async (name: string): Promise<ClusterSummary | undefined> => (await admin.clusters()).find((c) => c.name === name);

  it("registers once, comes online and reports its cluster", async () => {
    const { token } = await admin.createRegistrationToken(siteId, "depot-7-k3s", { env: "prod" });
    const agent = launch({ server: centre.url, registrationToken: token, simulate: "depot-7-k3s" });
    const online = await eventually(() => byName("depot-7-k3s"), (c) => c?.status === "online" && c.nodesTotal > 0, "cluster online with nodes");
    expect(online).toMatchObject({ siteName: "depot-7", simulated: true, labels: { env: "prod" } });
    expect(online!.k3sVersion).toMatch(/^v1\.\d+\.\d+\+k3s\d+$/);
    const detail = await admin.cluster(online!.id);
    expect(detail.nodes.length).toBe(online!.nodesTotal);
    expect(detail.workloads.length).toBe(online!.workloadsTotal);

    const credential = join(agent.stateDir, "credential.json");
    expect(statSync(credential).mode & 0o777).toBe(0o600);
    expect(agent.output()).not.toContain(token);
  });

  it("refuses a registration token the second time, with a clear message", async () => {
    const { token } = await admin.createRegistrationToken(siteId, "depot-7-second");
    launch({ server: centre.url, registrationToken: token, simulate: "depot-7-second" });
    await eventually(() => byName("depot-7-second"), (c) => c?.status === "online", "first use registers");
    const reuse = launch({ server: centre.url, registrationToken: token, simulate: "depot-7-copycat" });
    await reuse.waitFor(/already used or expired/, 15_000);
    await eventually(async () => reuse.child.exitCode, (code) => code !== null, "agent with a used token exits");
    expect(reuse.child.exitCode).not.toBe(0);
    expect((await admin.clusters()).filter((c) => c.name.startsWith("depot-7")).length).toBe(2);
  });

  it("shows a killed agent's cluster offline within 10 s, and online again after restart", async () => {
    const { token } = await admin.createRegistrationToken(siteId, "depot-7-flaky");
    const agent = launch({ server: centre.url, registrationToken: token, simulate: "depot-7-flaky" });
    const online = await eventually(() => byName("depot-7-flaky"), (c) => c?.status === "online", "online");

    const killedAt = Date.now();
    await agent.kill();
    const offline = await eventually(() => byName("depot-7-flaky"), (c) => c?.status === "offline", "offline after kill -9", 10_000);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(offline!.offlineSince).not.toBeNull();

    // Same state dir: the stored credential is reused; the spent token is not needed again.
    launch({ server: centre.url, registrationToken: token, simulate: "depot-7-flaky", stateDir: agent.stateDir });
    const back = await eventually(() => byName("depot-7-flaky"), (c) => c?.status === "online", "online after restart");
    expect(back!.id).toBe(online!.id);
    expect(back!.offlineSince).toBeNull();
  });

  it("shows clusters offline since the centre went down until their agents are back, then online", async () => {
    const names = ["depot-7-k3s", "depot-7-second", "depot-7-flaky"];
    // Frozen agents cannot redial, so the restarted centre's view of them can be looked at.
    const frozen = names.map((n) => newest.get(n)!);
    for (const a of frozen) a.child.kill("SIGSTOP");
    try {
      await centre.process.stop();
      const downAt = Date.now();
      await centre.restart();
      admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
      const listed = await admin.clusters();
      for (const name of names) {
        const c = listed.find((x) => x.name === name);
        expect(c?.status, name).toBe("offline");
        // Since its last contact with the old centre (saved at least every 5 s), not since the restart.
        const since = Date.parse(c!.offlineSince ?? "");
        expect(since, `${name} offline since ${c!.offlineSince}`).toBeLessThanOrEqual(downAt);
        expect(since, `${name} offline since ${c!.offlineSince}`).toBeGreaterThan(downAt - 10_000);
      }
    } finally {
      for (const a of frozen) a.child.kill("SIGCONT");
    }
    // Each agent redials with full-jitter backoff: within one capped delay after its last failed
    // dial, plus a handshake's time on a loaded machine.
    const all = await eventually(
      () => admin.clusters(),
      (cs) => names.every((n) => cs.find((c) => c.name === n)?.status === "online"),
      "all agents reconnect after a centre restart",
      RECONNECT_BACKOFF.capMs + HANDSHAKE_SLACK_MS,
    );
    for (const name of names) expect(all.find((c) => c.name === name)!.offlineSince, name).toBeNull();
  }, 60_000 + RECONNECT_BACKOFF.capMs + HANDSHAKE_SLACK_MS);

  it("rejects agent sockets with a bad credential, another cluster's credential or a bad handshake", async () => {
    const attempt = (auth: unknown) =>
      new Promise<{ message: string; code?: string }>((resolve) => {
        const s = io(`${centre.url}/agent`, { auth: auth as Record<string, unknown>, transports: ["websocket"], reconnection: false });
        sockets.push(s);
        s.on("connect", () => resolve({ message: "connected" }));
        s.on("connect_error", (err: Error & { data?: { code?: string } }) => resolve({ message: err.message, code: err.data?.code }));
        // socket.io drops a CONNECT packet whose auth is not an object before any middleware runs.
        s.on("disconnect", (reason) => resolve({ message: reason, code: "DROPPED" }));
      });
    const cluster = await byName("depot-7-k3s");
    expect(await attempt({ clusterId: cluster!.id, credential: "agc_" + "x".repeat(43), agentVersion: "1" })).toMatchObject({ code: "AGENT_CREDENTIAL_INVALID" });
    expect(await attempt({ clusterId: cluster!.id })).toMatchObject({ code: "AGENT_HANDSHAKE_INVALID" });
    // Its own valid credential, presented with another cluster's id.
    const other = await registerRaw("depot-7-impostor");
    expect(await attempt({ clusterId: cluster!.id, credential: other.credential, agentVersion: "1" })).toMatchObject({ code: "AGENT_CREDENTIAL_INVALID" });
    // Not even a handshake object: the connection itself is closed.
    expect(await attempt("garbage")).toEqual({ message: "transport close", code: "DROPPED" });
  });

  it("answers malformed agent messages with an error and stores nothing", async () => {
    const { clusterId, credential } = await registerRaw("depot-7-raw");
    const s = io(`${centre.url}/agent`, { auth: { clusterId, credential, agentVersion: "test" }, transports: ["websocket"], reconnection: false });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.on("connect", resolve);
      s.on("connect_error", reject);
    });
    // What an agent reports, as opposed to its presence (which a silent test socket changes).
    const reported = async () => {
      const { nodes, workloads, events, changes, k3sVersion, nodesTotal, workloadsTotal, snapshotAt } = await admin.cluster(clusterId);
      return { nodes, workloads, events, changes, k3sVersion, nodesTotal, workloadsTotal, snapshotAt };
    };
    const before = await reported();
    const bad = [
      await s.emitWithAck("agent:outbox", { records: "lots" }),
      await s.emitWithAck("agent:outbox", {
        records: [{ seq: 1, at: new Date().toISOString(), kind: "snapshot", snapshot: { k3sVersion: "v1", nodes: [{ name: "" }], workloads: [], events: [], takenAt: "yesterday" } }],
      }),
      await s.emitWithAck("agent:outbox", null),
      await s.emitWithAck("agent:heartbeat", { sentAt: "now" }),
      await s.emitWithAck("agent:delete-everything", {}),
    ];
    for (const res of bad) expect(res).toMatchObject({ ok: false, error: expect.any(String) });
    expect(bad[0].error).toMatch(/^invalid outbox batch: /);
    expect(bad[4].error).toMatch(/unknown event/);
    expect(await reported()).toEqual(before);
  });

  it("pushes live updates to signed-in browsers only", async () => {
    const anon = io(`${centre.url}/ui`, { transports: ["websocket"], reconnection: false });
    sockets.push(anon);
    const refused = await new Promise<string>((resolve) => {
      anon.on("connect", () => resolve("connected"));
      anon.on("connect_error", (err) => resolve(err.message));
    });
    expect(refused).toBe("sign in first");

    const ui = io(`${centre.url}/ui`, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: admin.sessionCookie! } });
    sockets.push(ui);
    await new Promise<void>((resolve, reject) => {
      ui.on("connect", resolve);
      ui.on("connect_error", reject);
    });
    const updates: ClusterSummary[] = [];
    ui.on("cluster:updated", (s: ClusterSummary) => updates.push(s));

    const { token } = await admin.createRegistrationToken(siteId, "depot-7-live");
    const agent = launch({ server: centre.url, registrationToken: token, simulate: "depot-7-live" });
    await eventually(async () => updates.filter((u) => u.name === "depot-7-live" && u.status === "online").length, (n) => n > 0, "online update pushed", 5000);
    await agent.kill();
    await eventually(async () => updates.filter((u) => u.name === "depot-7-live" && u.status === "offline").length, (n) => n > 0, "offline update pushed", 5000);
  });

  it("disconnects and locks out the agent of a deleted cluster", async () => {
    // A fresh agent, so its first reconnect comes within a second (backoff starts small).
    const { token } = await admin.createRegistrationToken(siteId, "depot-7-doomed");
    const agent = launch({ server: centre.url, registrationToken: token, simulate: "depot-7-doomed" });
    const c = await eventually(() => byName("depot-7-doomed"), (x) => x?.status === "online", "online");
    await admin.ok("DELETE", `/api/v1/clusters/${c!.id}`);
    await agent.waitFor(/rejected this agent's credential/, 15_000);
    await eventually(async () => agent.child.exitCode, (code) => code !== null, "agent of a deleted cluster exits", 15_000);
    expect(agent.child.exitCode).toBe(3);
    expect(await byName("depot-7-doomed")).toBeUndefined();
  });
});
