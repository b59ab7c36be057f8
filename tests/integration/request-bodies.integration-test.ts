import { request } from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCentre, type Centre } from "../support/centre";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const MiB = 1024 * 1024;

function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
}

/**
 * Sends `total` bytes of a JSON-looking body to the public login route, 1 MiB at a time with
 * backpressure, and returns the status (0 when the centre cut the connection first) and the
 * centre's highest RSS seen meanwhile.
 */
async function sendLargeBody(centre: Centre, total: number, declareLength: boolean): Promise<{ status: number; peakMiB: number }> {
  const pid = centre.process.child.pid!;
  let peakMiB = rssMiB(pid);
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(pid))), 50);
  try {
    return await new Promise((resolve) => {
      let status = 0;
      const req = request(
        { host: "127.0.0.1", port: centre.port, method: "POST", path: "/api/v1/auth/login", headers: { "content-type": "application/json", ...(declareLength ? { "content-length": String(total) } : {}) } },
        (res) => {
          status = res.statusCode ?? 0;
          res.resume();
          res.on("end", () => {
            req.destroy();
            resolve({ status, peakMiB });
          });
        },
      );
      req.on("error", () => resolve({ status, peakMiB }));
      const chunk = Buffer.alloc(MiB, "a");
      chunk.write('{"username":"');
      let sent = 0;
      const pump = () => {
        while (sent < total && !req.destroyed) {
          sent += MiB;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
  } finally {
    clearInterval(sampler);
  }
}

/** Issue 15, defect 4: bodies are limited in bytes while they stream in, before anything is buffered. */
describe("request bodies", () => {
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

  it("counts bytes, not characters: 1 M '€' (3 MiB) is over the 1 MiB limit", async () => {
    const res = await fetch(`${centre.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "€".repeat(1_000_000), password: "x" }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("refuses a declared 300 MB login body at once, without reading it into memory", async () => {
    const baseline = rssMiB(centre.process.child.pid!);
    const { status, peakMiB } = await sendLargeBody(centre, 300 * MiB, true);
    expect(status).toBe(413);
    expect(peakMiB - baseline).toBeLessThan(64);
  });

  it("stops reading an undeclared (chunked) 300 MB login body at the limit", async () => {
    const baseline = rssMiB(centre.process.child.pid!);
    const { status, peakMiB } = await sendLargeBody(centre, 300 * MiB, false);
    expect(status).toBe(413);
    expect(peakMiB - baseline).toBeLessThan(64);
    const me = await fetch(`${centre.url}/api/v1/me`);
    expect(me.status).toBe(401);
  });
});
