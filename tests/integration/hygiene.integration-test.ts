import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterDetail, RegistrationTokenCreated } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { openCentreDb } from "../support/centre-db";
import { eventually } from "../support/eventually";
import { AGENT_BIN } from "../support/paths";
import { startProcess, type ProcessHandle } from "../support/process-handle";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * Hygiene: forwarded headers believed only from trusted proxies, the agent's start-up refusing
 * a token on its command line and a plain-http centre, outbox sequences past 2^31, and
 * retention of the change log and the audit log.
 */
const SECRET_KEY = randomBytes(32).toString("base64");

describe("hygiene", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let siteId: string;
  const tmp = mkdtempSync(join(tmpdir(), "outpost-hygiene-"));
  const processes: ProcessHandle[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_CHANGE_RETENTION_DAYS: "7", OUTPOST_AUDIT_RETENTION_DAYS: "30", OUTPOST_SECRET_KEY: SECRET_KEY } });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    siteId = (await admin.createSite("harbour-3")).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(processes.map((p) => p.stop()));
    await centre?.stop();
    await db?.drop();
  });

  const newToken = async (clusterName: string, headers: Record<string, string> = {}) =>
    (await admin.call<RegistrationTokenCreated>("POST", "/api/v1/registration-tokens", { siteId, clusterName }, headers)).body;
  const agent = (args: string[], env: Record<string, string> = {}) => {
    const p = startProcess(process.execPath, [AGENT_BIN, ...args], { env: { ...process.env, ...env } });
    processes.push(p);
    return p;
  };
  /** Registers a cluster as an agent would, without running one. */
  const registerCluster = async (name: string) => {
    const { token } = await newToken(name);
    const reg = await fetch(`${centre.url}/api/v1/agent/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ registrationToken: token, agentVersion: "test", simulated: true }) });
    return (await reg.json()) as { clusterId: string; credential: string };
  };
  const exited = (p: ProcessHandle) => new Promise<number | null>((resolve) => (p.child.exitCode !== null ? resolve(p.child.exitCode) : p.child.once("exit", (code) => resolve(code))));

  it("ignores X-Forwarded-* from clients that are not trusted proxies", async () => {
    const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const created = await newToken("harbour-3-forged", forged);
    expect(created.command).toContain(`--server ${centre.url} `);
    expect(created.command).not.toContain("evil.example");
    // A cross-site write with a forged host does not pass the same-origin check.
    const res = await admin.call("POST", "/api/v1/sites", { name: "csrf-site" }, { origin: "http://evil.example", ...forged });
    expect(res.status).toBe(403);
    expect((await admin.ok<{ name: string }[]>("GET", "/api/v1/sites")).map((s) => s.name)).not.toContain("csrf-site");
  });

  it("believes X-Forwarded-* from a proxy listed in OUTPOST_TRUSTED_PROXIES", async () => {
    // A second centre on the same database: the same secret key opens what the first one sealed.
    const behind = await startCentre({ databaseUrl: db.url, env: { OUTPOST_TRUSTED_PROXIES: "127.0.0.1, ::1", OUTPOST_SECRET_KEY: SECRET_KEY } });
    try {
      const viaProxy = await ApiClient.signIn(behind.url, "admin", ADMIN_PASSWORD);
      const res = await viaProxy.call<RegistrationTokenCreated>("POST", "/api/v1/registration-tokens", { siteId, clusterName: "harbour-3-proxied" }, { "x-forwarded-host": "outpost.example.com", "x-forwarded-proto": "https" });
      expect(res.body.command).toContain("--server https://outpost.example.com --kubeconfig");
    } finally {
      await behind.stop();
    }
  });

  it("hands out an agent command that keeps the token off the command line, and the agent will not take it there", async () => {
    const { token, command } = await newToken("harbour-3-k3s");
    expect(command).toMatch(/^OUTPOST_REGISTRATION_TOKEN=reg_[\w-]+ outpost-agent --server http:\/\/127\.0\.0\.1:\d+ --insecure-plain-http --kubeconfig \/etc\/rancher\/k3s\/k3s\.yaml$/);
    const stateDir = mkdtempSync(join(tmp, "agent-"));
    const inArgv = agent(["--server", centre.url, "--insecure-plain-http", "--registration-token", token, "--simulate", "harbour-3-k3s", "--state-dir", stateDir]);
    expect(await exited(inArgv)).toBe(2);
    expect(inArgv.output()).toMatch(/every user of this machine \(ps\).*--registration-token-file/);

    const tokenFile = join(tmp, "registration-token");
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    const plainHttp = agent(["--server", centre.url, "--registration-token-file", tokenFile, "--simulate", "harbour-3-k3s", "--state-dir", stateDir]);
    expect(await exited(plainHttp)).toBe(2);
    expect(plainHttp.output()).toMatch(/plain http.*use https, or pass --insecure-plain-http/);

    // Neither refusal spent the token: the proper start registers with it.
    const proper = agent(["--server", centre.url, "--insecure-plain-http", "--registration-token-file", tokenFile, "--simulate", "harbour-3-k3s", "--state-dir", stateDir, "--heartbeat-interval", "1"]);
    await eventually(async () => (await admin.clusters()).find((c) => c.name === "harbour-3-k3s")?.status, (s) => s === "online", "registered from the token file", 20_000);
    expect(readFileSync(`/proc/${proper.child.pid}/cmdline`, "utf8")).not.toContain(token);
  });

  it("stores outbox sequence numbers beyond 2^31 (64-bit columns on PostgreSQL too)", async () => {
    const { clusterId, credential } = await registerCluster("harbour-3-long-lived");
    const s = io(`${centre.url}/agent`, { auth: { clusterId, credential, agentVersion: "test" }, transports: ["websocket"], reconnection: false, forceNew: true });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => (s.on("connect", resolve), s.on("connect_error", reject)));
    expect(await s.emitWithAck("agent:hello", { agentVersion: "test", queued: 1 })).toEqual({ ok: true, ackedSeq: 0 });
    const seq = 2 ** 31 + 5; // past INT4
    const last = Number.MAX_SAFE_INTEGER; // the wire's limit
    const change = (n: number) => ({ seq: n, at: new Date().toISOString(), kind: "change", change: { type: "MODIFIED", kind: "Deployment", namespace: "shop", name: "till", resourceVersion: String(n), summary: `rv ${n}` } });
    expect(await s.emitWithAck("agent:outbox", { records: [change(seq), change(last)] })).toEqual({ ok: true, ackedSeq: last });
    expect(await s.emitWithAck("agent:hello", { agentVersion: "test", queued: 0 })).toEqual({ ok: true, ackedSeq: last });
    const detail = await admin.ok<ClusterDetail>("GET", `/api/v1/clusters/${clusterId}`);
    expect(detail.changes.map((c) => c.seq)).toEqual([last, seq]);
  });

  it("deletes changes and audit events past their retention, keeping the rest", async () => {
    const store = await openCentreDb(db.url);
    try {
      const { clusterId } = await registerCluster("harbour-3-history");
      const [sample] = await store.query(`SELECT "at" FROM "AuditEvent" LIMIT 1`);
      // Written the way the centre writes dates, so the sweep's comparison sees them alike.
      const stamp = (daysAgo: number) => dateLike(sample!.at, new Date(Date.now() - daysAgo * 86_400_000), db.kind);
      const p = (n: number) => (db.kind === "postgres" ? `$${n}` : "?");
      await store.plant(`INSERT INTO "AuditEvent" ("id", "at", "actorName", "action", "targetType", "details") VALUES (${p(1)}, ${p(2)}, 'old-actor', 'old.action', 'site', '{}')`, [randomUUID(), stamp(45)]);
      await store.plant(`INSERT INTO "AuditEvent" ("id", "at", "actorName", "action", "targetType", "details") VALUES (${p(1)}, ${p(2)}, 'recent-actor', 'recent.action', 'site', '{}')`, [randomUUID(), stamp(20)]);
      const change = `INSERT INTO "ClusterChange" ("id", "clusterId", "seq", "observedAt", "receivedAt", "type", "kind", "namespace", "name", "resourceVersion", "summary") VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, 'MODIFIED', 'Deployment', 'shop', ${p(6)}, '1', 'planted')`;
      await store.plant(change, [randomUUID(), clusterId, 11, stamp(9), stamp(9), "old-change"]);
      await store.plant(change, [randomUUID(), clusterId, 12, stamp(3), stamp(3), "recent-change"]);
      await centre.restart(); // the sweep runs at start, then hourly
      admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
      const actions = async () => (await store.query(`SELECT "action" FROM "AuditEvent"`)).map((r) => r.action);
      await eventually(actions, (a) => !a.includes("old.action"), "old audit event swept");
      expect(await actions()).toContain("recent.action");
      const names = (await store.changes(clusterId)).map((c) => c.name);
      expect(names).not.toContain("old-change");
      expect(names).toContain("recent-change");
    } finally {
      await store.close();
    }
  });
});

/** A date in the same representation as `sample` (SQLite rows hold epoch ms or text; PostgreSQL takes ISO). */
function dateLike(sample: unknown, d: Date, kind: "sqlite" | "postgres"): string | number {
  if (kind === "postgres") return d.toISOString();
  if (typeof sample === "number" || typeof sample === "bigint") return d.getTime();
  if (typeof sample === "string" && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(sample)) return d.toISOString().slice(0, 19).replace("T", " ");
  return d.toISOString();
}
