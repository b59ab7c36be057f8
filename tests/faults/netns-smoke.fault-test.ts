// The fault harness itself, with real traffic: a device reaches an HTTP server in the test
// process (hub namespace) over its link; cutting, delaying and dropping on the link show up
// in what the device sees. Run with `bash scripts/fault-tests.sh` (root).
import { createHash, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevice, destroyAllDevices, requireHubNamespace, type Device } from "../support/netns";

/** Runs inside the device: `count` GETs (new connection each), each tried up to `attempts` times. */
const HTTP_PROBE = `
const http = require("node:http");
const [url, count, attempts, timeoutMs] = [process.argv[1], ...process.argv.slice(2).map(Number)];
const once = () => new Promise((resolve) => {
  const t0 = performance.now();
  let connectMs;
  const req = http.get(url, { agent: false }, (res) => {
    let body = "";
    res.setEncoding("utf8");
    res.on("data", (c) => (body += c));
    res.on("end", () => done({ ok: res.statusCode === 200, status: res.statusCode, body }));
  });
  const timer = setTimeout(() => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })), timeoutMs);
  req.on("socket", (s) => s.once("connect", () => (connectMs = performance.now() - t0)));
  req.on("error", (e) => done({ ok: false, error: e.code || e.message }));
  let finished = false;
  function done(r) {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    resolve({ ...r, connectMs, totalMs: performance.now() - t0 });
  }
});
(async () => {
  const results = [];
  for (let i = 0; i < count; i++) {
    const tries = [];
    for (let a = 0; a < attempts; a++) {
      const r = await once();
      tries.push(r);
      if (r.ok) break;
    }
    results.push({ ok: tries[tries.length - 1].ok, tries });
  }
  console.log(JSON.stringify(results));
})();
`;

interface Try {
  ok: boolean;
  status?: number;
  body?: string;
  error?: string;
  connectMs?: number;
  totalMs: number;
}
interface ProbeResult {
  ok: boolean;
  tries: Try[];
}

const namespaces = () => readdirSync("/run/netns");

async function probe(device: Device, url: string, opts: { count?: number; attempts?: number; timeoutMs?: number } = {}) {
  const { count = 1, attempts = 1, timeoutMs = 5_000 } = opts;
  const r = await device.run(process.execPath, ["-e", HTTP_PROBE, url, String(count), String(attempts), String(timeoutMs)], {
    env: { PATH: process.env.PATH },
    timeoutMs: count * attempts * (timeoutMs + 1_000) + 10_000,
  });
  if (r.code !== 0) throw new Error(`probe failed in ${device.name} (${r.code ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout) as ProbeResult[];
}

/** One GET from the device on a new connection, no retry: the attempt's outcome. */
async function request(device: Device, url: string, timeoutMs = 5_000): Promise<Try> {
  const [result] = await probe(device, url, { timeoutMs });
  const attempt = result?.tries[0];
  if (!attempt) throw new Error(`probe in ${device.name} returned nothing`);
  return attempt;
}

describe("network-namespace fault harness", () => {
  let server: Server;
  let port: number;
  let requests: string[] = [];
  let dev1: Device;
  let dev2: Device;
  let hub: string | undefined;

  beforeAll(async () => {
    hub = requireHubNamespace();
    server = createServer((req, res) => {
      requests.push(req.socket.remoteAddress ?? "?");
      res.setHeader("connection", "close");
      res.end(`hello ${req.socket.remoteAddress}`);
    });
    // All addresses of the hub namespace: its loopback and the hub ends of the device links.
    await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
    port = (server.address() as AddressInfo).port;
    dev1 = await createDevice(1);
    dev2 = await createDevice(2);
  });

  afterAll(async () => {
    if (hub) await destroyAllDevices();
    // A connection whose device link was cut mid-exchange stays open on this side until TCP gives
    // up (minutes): close() alone would wait for it (seen once as a 180 s hook timeout).
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const url = (d: Device) => `http://${d.hubAddress}:${port}/`;

  it("gives each device its own namespace, address and link", async () => {
    expect(dev1).toMatchObject({ hubAddress: "10.77.1.1", deviceAddress: "10.77.1.2", interfaceName: "eth0" });
    expect(dev1.name).toBe(`${requireHubNamespace()}-dev1`);
    const links = await dev1.run("ip", ["-br", "-4", "addr"]);
    expect(links.code).toBe(0);
    const lines = links.stdout.trim().split("\n").map((l) => l.split(/\s+/));
    expect(lines.map(([name = "", , address]) => [name.replace(/@.*/, ""), address])).toEqual([
      ["lo", "127.0.0.1/8"],
      ["eth0", "10.77.1.2/30"],
    ]);
  });

  it("carries real traffic from a device to the hub", async () => {
    requests = [];
    const r1 = await request(dev1, url(dev1));
    const r2 = await request(dev2, url(dev2));
    expect(r1, JSON.stringify(r1)).toMatchObject({ ok: true, body: "hello 10.77.1.2" });
    expect(r2, JSON.stringify(r2)).toMatchObject({ ok: true, body: "hello 10.77.2.2" });
    expect(requests).toEqual(["10.77.1.2", "10.77.2.2"]);
    // A device's link leads to the hub only: device 1 cannot reach device 2.
    const r = await dev1.run(process.execPath, ["-e", `require("net").connect(22, "${dev2.deviceAddress}").on("error", e => { console.log(e.code); process.exit(0) })`], {
      env: { PATH: process.env.PATH },
      timeoutMs: 10_000,
    });
    expect(r.stdout.trim()).toBe("ENETUNREACH");
  });

  it("carries bulk data intact in both directions", async () => {
    // 8 MiB each way, hashed at both ends: every TCP segment crossed the link relay.
    const size = 8 << 20;
    const payload = randomBytes(size);
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    const bulk = createServer((req, res) => {
      if (req.method === "GET") return res.end(payload);
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => res.end(sha(Buffer.concat(chunks))));
    });
    await new Promise<void>((resolve) => bulk.listen(0, dev1.hubAddress, resolve));
    const bulkUrl = `http://${dev1.hubAddress}:${(bulk.address() as AddressInfo).port}/`;
    try {
      const script = `
        const { createHash, randomBytes } = require("node:crypto");
        (async () => {
          const t0 = performance.now();
          const down = Buffer.from(await (await fetch(process.argv[1])).arrayBuffer());
          const t1 = performance.now();
          const up = randomBytes(${size});
          const echoed = await (await fetch(process.argv[1], { method: "POST", body: up })).text();
          const t2 = performance.now();
          const sha = (b) => createHash("sha256").update(b).digest("hex");
          console.log(JSON.stringify({ down: sha(down), downMs: t1 - t0, upOk: echoed === sha(up), upMs: t2 - t1 }));
        })();`;
      const r = await dev1.run(process.execPath, ["-e", script, bulkUrl], { env: { PATH: process.env.PATH }, timeoutMs: 120_000 });
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { down: string; downMs: number; upOk: boolean; upMs: number };
      expect(out.down).toBe(sha(payload));
      expect(out.upOk).toBe(true);
      const mbps = (ms: number) => ((size * 8) / (ms / 1000) / 1e6).toFixed(0);
      console.log(`bulk 8 MiB: down ${out.downMs.toFixed(0)} ms (${mbps(out.downMs)} Mbit/s), up ${out.upMs.toFixed(0)} ms (${mbps(out.upMs)} Mbit/s)`);
    } finally {
      await new Promise((resolve) => bulk.close(resolve));
    }
  });

  it("fails requests while the link is down and works again after linkUp", async () => {
    await dev1.linkDown();
    try {
      const down = await request(dev1, url(dev1), 2_000);
      expect(down.ok).toBe(false);
      expect(down.error).toMatch(/ENETUNREACH|EHOSTUNREACH|TIMEOUT/);
      // The hub end is down too: the hub cannot reach the device either.
      const socket = connect({ host: dev1.deviceAddress, port: 22, timeout: 2_000 });
      const fromHub = await new Promise<string>((resolve) => {
        socket.once("connect", () => resolve("connected"));
        socket.once("timeout", () => resolve("TIMEOUT"));
        socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
      socket.destroy();
      expect(fromHub).toMatch(/ENETUNREACH|EHOSTUNREACH|TIMEOUT/);
      // Other devices are not affected.
      const other = await request(dev2, url(dev2));
      expect(other.ok).toBe(true);
    } finally {
      await dev1.linkUp();
    }
    const up = await request(dev1, url(dev1));
    expect(up.ok, JSON.stringify(up)).toBe(true);
  });

  it("delays both directions with degrade({ delayMs })", async () => {
    const before = await request(dev1, url(dev1));
    expect(before.totalMs).toBeLessThan(200);
    await dev1.degrade({ delayMs: 200 });
    try {
      const t = await request(dev1, url(dev1), 10_000);
      expect(t.ok, JSON.stringify(t)).toBe(true);
      // 200 ms each way: the TCP handshake takes one round trip (>= 400 ms), a request on a
      // new connection two (handshake, then request and response: >= 800 ms).
      expect(t.connectMs ?? 0).toBeGreaterThanOrEqual(390);
      expect(t.totalMs).toBeGreaterThanOrEqual(790);
      expect(t.totalMs).toBeLessThan(2_000);
      console.log(`delay 200 ms per direction: connect ${t.connectMs?.toFixed(0)} ms, request ${t.totalMs.toFixed(0)} ms`);
    } finally {
      await dev1.clearDegrade();
    }
    const after = await request(dev1, url(dev1));
    expect(after.totalMs).toBeLessThan(200);
  });

  it("drops frames with degrade({ lossPercent }), and requests mostly get through with retries", async () => {
    const statsBefore = await dev1.linkStats();
    await dev1.degrade({ lossPercent: 20 });
    let results: ProbeResult[];
    try {
      results = await probe(dev1, url(dev1), { count: 10, attempts: 3, timeoutMs: 5_000 });
    } finally {
      await dev1.clearDegrade();
    }
    const stats = await dev1.linkStats();
    const dropped = stats.toDevice.dropped + stats.toHub.dropped - statsBefore.toDevice.dropped - statsBefore.toHub.dropped;
    const succeeded = results.filter((r) => r.ok).length;
    const retried = results.filter((r) => r.tries.length > 1).length;
    console.log(`loss 20%: ${succeeded}/10 succeeded, ${retried} needed a retry, ${dropped} frames dropped`);
    expect(dropped).toBeGreaterThan(0);
    expect(succeeded).toBeGreaterThanOrEqual(8);
  });

  it("jitter and reordering keep TCP working", async () => {
    await dev1.degrade({ delayMs: 30, jitterMs: 20, reorderPercent: 25 });
    try {
      const results = await probe(dev1, url(dev1), { count: 3, attempts: 2, timeoutMs: 10_000 });
      expect(results.every((r) => r.ok), JSON.stringify(results)).toBe(true);
    } finally {
      await dev1.clearDegrade();
    }
  });

  it("destroy() removes the device's namespaces and processes", async () => {
    const sleeper = dev2.exec("sleep", ["600"], { stdio: "ignore" });
    const exited = new Promise((resolve) => sleeper.once("exit", (code, signal) => resolve(signal)));
    const before = namespaces();
    expect(before).toContain(dev2.name);
    await dev2.destroy();
    expect(await exited).toBe("SIGKILL");
    expect(namespaces()).not.toContain(dev2.name);
    expect(namespaces()).not.toContain(`${hub}-wire2`);
    // The index can be used again at once.
    dev2 = await createDevice(2);
    expect((await request(dev2, url(dev2))).ok).toBe(true);
  });
});
