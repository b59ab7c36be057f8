import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterSnapshot, OutboxAck } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { connectHostileAgent, type HostileAgent } from "../support/hostile-agent";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const node = (name: string) => ({ name, ready: true, roles: ["control-plane"], kubeletVersion: "v1.36.3+k3s1", cpu: "4", memory: "8Gi" });
const snapshot = (nodes: ReturnType<typeof node>[], extra: Partial<ClusterSnapshot> = {}): ClusterSnapshot => ({ k3sVersion: "v1.36.3+k3s1", nodes, workloads: [], events: [], takenAt: new Date().toISOString(), ...extra });

/** Issue 15, defects 5 and 9: what a compromised device sends is checked before it is counted or stored. */
describe("messages from a hostile agent", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let agent: HostileAgent;
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    agent = await connectHostileAgent(centre.url, admin, "device-x");
    await agent.socket.timeout(5_000).emitWithAck("agent:hello", { agentVersion: "hostile", queued: 0 });
  });
  afterAll(async () => {
    agent?.close();
    await centre?.stop();
    await db?.drop();
  });

  const sendSnapshot = (s: unknown) =>
    agent.socket.timeout(5_000).emitWithAck("agent:outbox", { records: [{ seq: ++seq, at: new Date().toISOString(), kind: "snapshot", snapshot: s }] }) as Promise<OutboxAck>;

  it("refuses a snapshot naming one node twice, and keeps the last good totals", async () => {
    expect(await sendSnapshot(snapshot([node("a"), node("b")]))).toMatchObject({ ok: true });
    expect((await admin.cluster(agent.clusterId)).nodesTotal).toBe(2);
    const dup = await sendSnapshot(snapshot([node("a"), node("b"), node("b")]));
    expect(dup).toMatchObject({ ok: false, error: expect.stringMatching(/node 'b' is listed twice/) });
    const dupWorkload = await sendSnapshot(
      snapshot([node("a")], { workloads: [0, 1].map(() => ({ namespace: "default", name: "web", kind: "Deployment", desired: 1, ready: 1 })) }),
    );
    expect(dupWorkload).toMatchObject({ ok: false, error: expect.stringMatching(/listed twice/) });
    const detail = await admin.cluster(agent.clusterId);
    expect(detail.nodesTotal).toBe(2);
    expect(detail.nodes.map((n) => n.name).sort()).toEqual(["a", "b"]);
  });

  it("refuses unpaired surrogates, NUL and over-deep values in any message, and stays up", async () => {
    for (const bad of [snapshot([node("lone-\ud800")]), snapshot([node("nul-\u0000")])]) {
      expect(await sendSnapshot(bad)).toMatchObject({ ok: false });
    }
    let deep: unknown = 1;
    // Deep enough to be refused; deeper would overflow socket.io-client's own recursion first.
    for (let i = 0; i < 1_000; i++) deep = [deep];
    expect(await agent.socket.timeout(5_000).emitWithAck("agent:heartbeat", { sentAt: Date.now(), deep })).toMatchObject({ ok: false, error: expect.stringMatching(/nested deeper/) });
    expect((await admin.cluster(agent.clusterId)).nodes.map((n) => n.name).sort()).toEqual(["a", "b"]);
    expect((await fetch(`${centre.url}/api/v1/me`)).status).toBe(401);
  });
});
