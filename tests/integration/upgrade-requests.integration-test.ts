import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { openDescriptors } from "../support/process-descriptors";
import { rawExchange } from "../support/raw-http";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const upgrade = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;

/** Issue 15, defect 2: an upgrade request that is not served must be answered and closed at once. */
describe("upgrade requests that the centre does not serve", () => {
  let db: TestDatabase;
  let centre: Centre;

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await centre?.stop();
    await db?.drop();
  });

  it("answers an unauthenticated upgrade under /k8s/ with a kube Status at once and closes the connection", async () => {
    const res = await rawExchange(centre.port, upgrade("/k8s/clusters/x/api"), { timeoutMs: 3_000 });
    expect(res.status, res.raw).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.raw).toContain('"kind":"Status"');
    expect(res.closedByServer).toBe(true);
    expect(res.firstByteMs).toBeLessThan(1_000);
  });

  it("refuses an upgrade to any other address with a JSON error and closes the connection", async () => {
    for (const path of ["/", "/api/v1/me", "/_next/webpack-hmr", "/ui"]) {
      const res = await rawExchange(centre.port, upgrade(path), { timeoutMs: 3_000 });
      expect(res.status, `${path}: ${res.raw}`).toBe(404);
      expect(res.raw).toContain('"error":{');
      expect(res.closedByServer, path).toBe(true);
    }
  });

  it("holds no descriptors for 300 upgrade requests whose callers went away", async () => {
    const pid = centre.process.child.pid!;
    const baseline = openDescriptors(pid);
    // Each caller sends its upgrade and leaves at once, as the scanner in the issue did.
    await Promise.all(Array.from({ length: 300 }, (_, i) => rawExchange(centre.port, upgrade(`/k8s/clusters/c${i}/api`), { timeoutMs: 50 })));
    await eventually(async () => openDescriptors(pid), (n) => n <= baseline + 5, `descriptors back near ${baseline}`, 10_000);
  });
});
