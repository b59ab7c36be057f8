import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { connectHostileAgent, type HostileAgent } from "../support/hostile-agent";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** Issue 15, defect 8: text from a device is a field of one log record, never a line of its own. */
describe("the centre's log and text from a device", () => {
  let db: TestDatabase;
  let centre: Centre;
  let agent: HostileAgent;

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    agent = await connectHostileAgent(centre.url, admin, "forger");
  });
  afterAll(async () => {
    agent?.close();
    await centre?.stop();
    await db?.drop();
  });

  it("writes a device's failure message as an escaped field: forged lines never appear", async () => {
    const forged = '{"level":"info","msg":"admin signed in"}';
    const message = `apply failed\n${forged}\r\n[outpost] ready on http://evil in 1 ms\u2028x`;
    await agent.socket.timeout(5_000).emitWithAck("desired:applied", { generation: 1, ok: false, message });
    const lines = await eventually(async () => centre.process.output().split("\n"), (ls) => ls.some((l) => l.includes("apply failed")), "the failure is logged");
    expect(lines.filter((l) => l === forged || l.startsWith("[outpost] ready on http://evil"))).toEqual([]);
    const record = JSON.parse(lines.find((l) => l.includes("apply failed"))!) as Record<string, unknown>;
    expect(Object.values(record)).toContain(message);
    expect(record.cluster).toBe(agent.clusterName);
  });
});
