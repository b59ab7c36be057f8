import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxAck, OutboxRecord } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** The centre's half of the durable outbox: in order, at most once, replays harmless. */
describe("outbox delivery at the centre", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let clusterId: string;
  let socket: Socket;

  const change = (seq: number, name = `web-${seq}`): OutboxRecord => ({
    seq,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    kind: "change",
    change: { type: "MODIFIED", kind: "Deployment", namespace: "default", name, resourceVersion: String(1000 + seq), summary: `change ${seq}` },
  });
  const send = (records: unknown[]) => socket.emitWithAck("agent:outbox", { records }) as Promise<OutboxAck>;
  const changes = async () => (await admin.cluster(clusterId)).changes.map((c) => c.seq).sort((a, b) => a - b);

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    const site = await admin.createSite("outbox-site");
    const { token } = await admin.createRegistrationToken(site.id, "outbox-k3s");
    const reg = await fetch(`${centre.url}/api/v1/agent/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ registrationToken: token, agentVersion: "test", simulated: true }),
    });
    const body = (await reg.json()) as { clusterId: string; credential: string };
    clusterId = body.clusterId;
    socket = io(`${centre.url}/agent`, { auth: { clusterId, credential: body.credential, agentVersion: "test" }, transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve, reject) => (socket.on("connect", resolve), socket.on("connect_error", reject)));
  });
  afterAll(async () => {
    socket?.close();
    await centre?.stop();
    await db?.drop();
  });

  it("says where to resume, applies in order and acknowledges the highest sequence", async () => {
    expect(await socket.emitWithAck("agent:hello", { agentVersion: "test", queued: 3 })).toEqual({ ok: true, ackedSeq: 0 });
    expect(await send([change(1), change(2), change(3)])).toEqual({ ok: true, ackedSeq: 3 });
    expect(await changes()).toEqual([1, 2, 3]);
    expect(await socket.emitWithAck("agent:hello", { agentVersion: "test", queued: 0 })).toEqual({ ok: true, ackedSeq: 3 });
  });

  it("ignores replays and overlapping batches: nothing is stored twice", async () => {
    expect(await send([change(1), change(2), change(3)])).toEqual({ ok: true, ackedSeq: 3 });
    expect(await send([change(2), change(3), change(4), change(5)])).toEqual({ ok: true, ackedSeq: 5 });
    expect(await changes()).toEqual([1, 2, 3, 4, 5]);
  });

  it("applies only the newest snapshot of a batch, and keeps gaps", async () => {
    const snap = (seq: number, nodes: number): OutboxRecord => ({
      seq,
      at: new Date().toISOString(),
      kind: "snapshot",
      snapshot: {
        k3sVersion: "v1.36.3+k3s1",
        nodes: Array.from({ length: nodes }, (_, i) => ({ name: `n${i}`, ready: true, roles: [], kubeletVersion: "v1.36.3+k3s1", cpu: "2", memory: "4Gi" })),
        workloads: [],
        events: [],
        takenAt: new Date().toISOString(),
      },
    });
    expect(await send([snap(6, 1), { seq: 7, at: new Date().toISOString(), kind: "gap", dropped: 12 }, snap(8, 3)])).toEqual({ ok: true, ackedSeq: 8 });
    const detail = await admin.cluster(clusterId);
    expect(detail.nodesTotal).toBe(3);
    expect(detail.changes.find((c) => c.seq === 7)).toMatchObject({ type: "GAP" });
  });

  it("refuses malformed batches with a clear error and changes nothing", async () => {
    const before = await changes();
    const bad = [
      await send([change(10), change(9)]),
      await send([]),
      await send([{ seq: -1, kind: "change" }]),
      await send([{ ...change(11), kind: "delete-everything" }]),
      (await socket.emitWithAck("agent:outbox", "garbage")) as OutboxAck,
      (await socket.emitWithAck("agent:hello", { queued: -5 })) as OutboxAck,
    ];
    for (const res of bad) expect(res).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid /) });
    expect(await changes()).toEqual(before);
    expect(await socket.emitWithAck("agent:hello", { agentVersion: "test", queued: 0 })).toEqual({ ok: true, ackedSeq: 8 });
  });

  it("reports degraded presence from slow or missed heartbeats, and recovers", async () => {
    const beat = (extra: object) => socket.emitWithAck("agent:heartbeat", { sentAt: Date.now(), ...extra });
    const detail = () => admin.cluster(clusterId);
    await beat({ lastRttMs: 20, missed: 0 });
    await eventually(detail, (c) => c.status === "online", "online");
    await beat({ lastRttMs: 2500, missed: 0, queued: 4 });
    await eventually(detail, (c) => c.status === "degraded" && c.linkRttMs === 2500 && c.queuedAtDevice === 4, "degraded after a slow beat", 3000);
    await beat({ lastRttMs: 15, missed: 0, queued: 0 });
    await beat({ lastRttMs: 15, missed: 0, queued: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect((await detail()).status).toBe("degraded"); // two good beats are not enough: no flapping
    await beat({ lastRttMs: 15, missed: 0, queued: 0 });
    await eventually(detail, (c) => c.status === "online" && c.queuedAtDevice === 0, "online after three good beats", 3000);
    await beat({ lastRttMs: 10, missed: 2 });
    await eventually(detail, (c) => c.status === "degraded", "degraded after missed beats", 3000);
  });
});
