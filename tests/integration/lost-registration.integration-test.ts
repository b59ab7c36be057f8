import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_FEATURES } from "@outpost/cluster-core";
import { startAgent, type AgentProcess } from "../support/agent";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

interface Registered {
  clusterId: string;
  clusterName: string;
  credential: string;
}

/**
 * The answer to an agent's registration can be lost after the centre committed it (a slow
 * centre outlasting the agent's request timeout, a cut link, the agent restarted mid-request).
 * The token is spent by then; the agent that spent it — and only that one — gets its cluster back.
 */
describe("a registration whose answer was lost", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let siteId: string;
  const agents: AgentProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    siteId = (await admin.createSite("ferry-3")).id;
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await centre?.stop();
    await db?.drop();
  });

  const register = (registrationToken: string, attemptId?: string) =>
    fetch(`${centre.url}/api/v1/agent/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ registrationToken, agentVersion: "test", simulated: true, ...(attemptId ? { attemptId } : {}) }),
    });
  const connects = (r: Registered) =>
    new Promise<string>((resolve) => {
      const socket = io(`${centre.url}/agent`, { forceNew: true, transports: ["websocket"], reconnection: false, auth: { clusterId: r.clusterId, credential: r.credential, agentVersion: "test", features: [...AGENT_FEATURES] } });
      socket.once("connect", () => {
        socket.close();
        resolve("connected");
      });
      socket.once("connect_error", (err) => resolve(err.message));
    });

  it("is answered again, with the same cluster and a new credential, for the same token and attempt id only; the lost credential stops working", async () => {
    const { token } = await admin.createRegistrationToken(siteId, "ferry-3-deck");
    const attemptId = randomBytes(32).toString("hex");
    const first = await register(token, attemptId);
    expect(first.status).toBe(201);
    const lost = (await first.json()) as Registered;

    for (const other of [undefined, randomBytes(32).toString("hex")]) {
      const res = await register(token, other);
      expect(res.status, `attempt id ${other ?? "none"}`).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "TOKEN_INVALID" } });
    }
    const again = await register(token, attemptId);
    expect(again.status).toBe(201);
    const reissued = (await again.json()) as Registered;
    expect(reissued.clusterId).toBe(lost.clusterId);
    expect(reissued.credential).not.toBe(lost.credential);
    expect((await admin.clusters()).filter((c) => c.name === "ferry-3-deck")).toHaveLength(1);

    expect(await connects(lost)).toMatch(/revoked .*registration answer lost/);
    expect(await connects(reissued)).toBe("connected");
  });

  it("lets a real agent restarted mid-registration come online as the cluster its first attempt created", async () => {
    const { token } = await admin.createRegistrationToken(siteId, "ferry-3-galley");
    // The first attempt reached the centre, but the agent never saved the answer.
    const stateDir = mkdtempSync(join(tmpdir(), "outpost-agent-"));
    const attemptId = randomBytes(32).toString("hex");
    writeFileSync(join(stateDir, "registration-attempt"), `${attemptId}\n`, { mode: 0o600 });
    const first = await register(token, attemptId);
    expect(first.status).toBe(201);
    const { clusterId } = (await first.json()) as Registered;

    const agent = startAgent({ server: centre.url, registrationToken: token, simulate: "ferry-3-galley", stateDir });
    agents.push(agent);
    const online = await eventually(async () => (await admin.clusters()).find((c) => c.name === "ferry-3-galley"), (c) => c?.status === "online", "the cluster online");
    expect(online!.id).toBe(clusterId);
    expect(agent.child.exitCode).toBeNull();
    expect(existsSync(join(stateDir, "registration-attempt")), "the attempt id is forgotten once the credential is saved").toBe(false);
  });
});
