/**
 * npm run bench:tunnel — the kube API tunnel against the same API server reached directly:
 *  - latency of GET /api/v1/nodes, p50/p95, through the tunnel and direct, and their ratio;
 *  - throughput of a ~10 MiB response body (a list of ConfigMaps) and of 1 MiB request bodies, both ways;
 *  - the same latency through a bare HTTPS reverse proxy process (scripts/bench/tunnel/bare-proxy.ts):
 *    the floor for any design that relays through the centre, on the same cores.
 * Real parts throughout: the test control plane, the centre over HTTPS, a KubeDriver agent.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { fileURLToPath } from "node:url";
import { startAgent } from "../../tests/support/agent";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre } from "../../tests/support/centre";
import { eventually } from "../../tests/support/eventually";
import { createTestDatabase } from "../../tests/support/test-database";
import { startTestCluster } from "../../tests/support/test-cluster";
import { startProcess } from "../../tests/support/process-handle";
import { ensureTestTls, testTrustBundle } from "../../tests/support/test-tls";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = 100;

// Node reads NODE_EXTRA_CA_CERTS only at start: run again with the test CA trusted.
if (process.env.OUTPOST_BENCH_CA_TRUSTED !== "1") {
  const { status } = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: testTrustBundle(), OUTPOST_BENCH_CA_TRUSTED: "1" },
  });
  process.exit(status ?? 1);
}

interface Target {
  base: string;
  token: string;
  ca: Buffer;
  agent: Agent;
}

function call(t: Target, method: string, path: string, body?: Buffer): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(t.base + path);
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, ca: t.ca, agent: t.agent, headers: { authorization: `Bearer ${t.token}`, accept: "application/json", ...(body ? { "content-type": "application/json", "content-length": body.length } : {}) } },
      (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const [cluster, db] = await Promise.all([startTestCluster({ nodes: 3 }), createTestDatabase()]);
  const centre = await startCentre({ databaseUrl: db.url, tls: true });
  const agentProc = await (async () => {
    const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    const site = await admin.createSite("bench");
    const { token } = await admin.createRegistrationToken(site.id, "bench-k3s");
    const agent = startAgent({ server: centre.url, registrationToken: token, kubeconfig: cluster.kubeconfig });
    const [c] = await eventually(() => admin.clusters(), (cs) => cs[0]?.status === "online", "online", 30_000);
    const apiToken = (await admin.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "bench" })).token;
    return { agent, clusterId: c!.id, apiToken };
  })();
  const tls = ensureTestTls();
  const bareProxy = startProcess(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./tunnel/bare-proxy.ts", import.meta.url))], {
    env: { ...process.env, PROXY_CERT: tls.certFile, PROXY_KEY: tls.keyFile, UPSTREAM_URL: cluster.apiserverUrl, UPSTREAM_CA: cluster.caCert, UPSTREAM_TOKEN: cluster.adminToken },
  });
  try {
    const proxyPort = (await bareProxy.waitFor(/listening (\d+)/, 20_000))[1]!;
    const direct: Target = { base: cluster.apiserverUrl, token: cluster.adminToken, ca: readFileSync(cluster.caCert), agent: new Agent({ keepAlive: true }) };
    const tunnel: Target = { base: `${centre.url}/k8s/clusters/${agentProc.clusterId}`, token: agentProc.apiToken, ca: readFileSync(tls.caFile), agent: new Agent({ keepAlive: true }) };
    const floor: Target = { base: `https://127.0.0.1:${proxyPort}`, token: "", ca: readFileSync(tls.caFile), agent: new Agent({ keepAlive: true }) };

    // Latency: interleaved pairs, alternating which path goes first, so both see the same load;
    // in rounds, so that a burst of load from other processes shows up as one odd round.
    const lat = { direct: [] as number[], tunnel: [] as number[], floor: [] as number[] };
    const roundRatios: number[] = [];
    const perRound = Math.ceil(SAMPLES / ROUNDS);
    const paths = [["direct", direct], ["tunnel", tunnel], ["floor", floor]] as const;
    for (let round = -1; round < ROUNDS; round++) {
      const r = { direct: [] as number[], tunnel: [] as number[], floor: [] as number[] };
      for (let i = 0; i < (round < 0 ? WARMUP : perRound); i++) {
        // Rotate which path goes first, so all see the same load.
        for (let k = 0; k < paths.length; k++) {
          const [name, t] = paths[(i + k) % paths.length]!;
          const t0 = performance.now();
          const res = await call(t, "GET", "/api/v1/nodes");
          if (res.status !== 200) throw new Error(`${name} GET /api/v1/nodes → ${res.status}`);
          r[name].push(performance.now() - t0);
        }
      }
      if (round < 0) continue; // warm-up: connections, JIT, caches
      for (const [name] of paths) lat[name].push(...r[name]);
      roundRatios.push(pct(r.tunnel, 50) / pct(r.direct, 50));
    }

    // Bodies: 10 ConfigMaps of 1 MiB each, uploaded through the tunnel (and, for comparison, directly
    // into another namespace), then listed (~10 MiB) both ways.
    for (const name of ["bench", "bench-direct"]) {
      const ns = JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
      await call(direct, "POST", "/api/v1/namespaces", Buffer.from(ns));
    }
    const blob = "b".repeat(1024 * 1024 - 512);
    const up = { direct: 0, tunnel: 0 };
    for (let i = 0; i < 10; i++) {
      for (const [name, t, ns] of [["direct", direct, "bench-direct"], ["tunnel", tunnel, "bench"]] as const) {
        const cm = Buffer.from(JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `blob-${i}`, namespace: ns }, data: { blob } }));
        const t0 = performance.now();
        const r = await call(t, "POST", `/api/v1/namespaces/${ns}/configmaps`, cm);
        if (r.status !== 201) throw new Error(`${name} upload ${i} → ${r.status}`);
        up[name] += (performance.now() - t0) / 1000;
      }
    }
    const down = { direct: [] as number[], tunnel: [] as number[] };
    let listBytes = 0;
    for (let i = 0; i < 5; i++) {
      for (const [name, t] of [["direct", direct], ["tunnel", tunnel]] as const) {
        const t0 = performance.now();
        const r = await call(t, "GET", "/api/v1/namespaces/bench/configmaps");
        if (r.status !== 200) throw new Error(`list → ${r.status}`);
        listBytes = r.bytes;
        down[name].push((performance.now() - t0) / 1000);
      }
    }
    const mib = listBytes / 1024 / 1024;
    const best = (xs: number[]) => Math.min(...xs);

    const median = (xs: number[]) => pct(xs, 50);
    console.log(`kube API tunnel benchmark (${SAMPLES} samples each in ${ROUNDS} rounds after ${WARMUP} warm-up, interleaved; centre over HTTPS; test control plane ${cluster.apiserverUrl})`);
    console.log(`GET /api/v1/nodes direct: p50 ${pct(lat.direct, 50).toFixed(2)} ms, p95 ${pct(lat.direct, 95).toFixed(2)} ms`);
    console.log(`GET /api/v1/nodes tunnel: p50 ${pct(lat.tunnel, 50).toFixed(2)} ms, p95 ${pct(lat.tunnel, 95).toFixed(2)} ms`);
    console.log(`GET /api/v1/nodes through a bare HTTPS proxy process (the floor for relaying through a centre): p50 ${pct(lat.floor, 50).toFixed(2)} ms, p95 ${pct(lat.floor, 95).toFixed(2)} ms, p50 ratio to direct ${(pct(lat.floor, 50) / pct(lat.direct, 50)).toFixed(2)}`);
    console.log(`p50 ratio tunnel/direct: ${(pct(lat.tunnel, 50) / pct(lat.direct, 50)).toFixed(2)} (p95 ratio ${(pct(lat.tunnel, 95) / pct(lat.direct, 95)).toFixed(2)}; per round ${roundRatios.map((x) => x.toFixed(2)).join(" ")}, median ${median(roundRatios).toFixed(2)})`);
    console.log(`${mib.toFixed(1)} MiB response body: direct ${(mib / best(down.direct)).toFixed(1)} MiB/s, tunnel ${(mib / best(down.tunnel)).toFixed(1)} MiB/s (best of 5; ${best(down.tunnel).toFixed(2)} s through the tunnel)`);
    console.log(`10 × 1 MiB request bodies, each stored by the API server: direct ${(10 / up.direct).toFixed(1)} MiB/s, tunnel ${(10 / up.tunnel).toFixed(1)} MiB/s (${up.tunnel.toFixed(2)} s through the tunnel)`);
  } finally {
    await bareProxy.stop();
    await agentProc.agent.stop();
    await centre.stop();
    await Promise.all([cluster.stop(), db.drop()]);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
