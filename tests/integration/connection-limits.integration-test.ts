import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { openDescriptors } from "../support/process-descriptors";
import { rawExchange } from "../support/raw-http";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** Opens a connection from `localAddress` that sends half a request head and then nothing; what comes back is kept in `received`. */
function slowHeader(port: number, localAddress: string): Promise<Socket & { received: string }> {
  return new Promise((resolve, reject) => {
    const s = Object.assign(connect({ port, host: "127.0.0.1", localAddress }, () => {
      s.write("GET /api/v1/me HTTP/1.1\r\nHost: local");
      resolve(s);
    }), { received: "" });
    // Read whatever comes back, so that the server's answer and close are seen.
    s.on("data", (d: Buffer) => (s.received += d.toString("latin1")));
    s.on("error", reject);
  });
}

/** Issue 15, "connections": limits on connections that show no credential, answered rather than reset. */
describe("connection limits", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let baselineDescriptors: number;
  const held: (Socket & { received: string })[] = [];
  const closedAt: Promise<number>[] = [];
  const hold = (s: Socket & { received: string }) => {
    held.push(s);
    closedAt.push(new Promise((resolve) => s.once("close", () => resolve(Date.now()))));
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_UNAUTHENTICATED_CONNECTIONS_PER_ADDRESS: "20", OUTPOST_UNAUTHENTICATED_CONNECTIONS: "60" } });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    baselineDescriptors = openDescriptors(centre.process.child.pid!);
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await centre?.stop();
    await db?.drop();
  });

  it("answers 429 with Retry-After past the per-address limit, while others and the signed-in are served", async () => {
    for (let i = 0; i < 20; i++) hold(await slowHeader(centre.port, "127.0.0.2"));
    const over = await rawExchange(centre.port, "GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\n\r\n", { localAddress: "127.0.0.2" });
    expect(over.status, over.raw).toBe(429);
    expect(over.headers).toContainEqual(["retry-after", "5"]);
    expect(JSON.parse(over.body)).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(over.closedByServer).toBe(true);

    const other = await rawExchange(centre.port, "GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\n\r\n", { localAddress: "127.0.0.3" });
    expect(other.status).toBe(401);
    expect((await admin.call("GET", "/api/v1/me")).status).toBe(200);
  });

  it("past the total limit, the oldest connection that sent no request makes room: it gets 503 with Retry-After, the newcomer is served", async () => {
    for (let a = 4; a < 6; a++) for (let i = 0; i < 20; i++) hold(await slowHeader(centre.port, `127.0.0.${a}`));
    const newcomer = await rawExchange(centre.port, "GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\n\r\n", { localAddress: "127.0.0.9", untilComplete: true });
    expect(newcomer.status, newcomer.raw).toBe(401);
    // The first slow connection opened (from 127.0.0.2) was the oldest.
    await eventually(async () => held[0]!.received, (r) => r.startsWith("HTTP/1.1 503"), "the oldest idle connection answered 503");
    expect(held[0]!.received).toMatch(/\r\nretry-after: 5\r\n/);
    expect(held[0]!.received).toContain('"code":"UNAVAILABLE"');
    // A signed-in user's connection is proven by its credential and keeps working.
    expect((await admin.call("GET", "/api/v1/me")).status).toBe(200);
  });

  it("closes slow-header connections after the header timeout and frees their descriptors", async () => {
    const pid = centre.process.child.pid!;
    // The header timeout is 10 s; the last of them was opened a moment ago.
    const t = setTimeout(() => console.log("OPEN", held.map((s, i) => `${i}:${s.destroyed}:${s.readyState}`).join(" ")), 15000);
    await Promise.all(closedAt);
    clearTimeout(t);
    await eventually(async () => openDescriptors(pid), (n) => n <= baselineDescriptors + 5, `descriptors back near ${baselineDescriptors}`, 10_000);
    const after = await rawExchange(centre.port, "GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\n\r\n", { localAddress: "127.0.0.2" });
    expect(after.status).toBe(401);
  }, 30_000);
});
