/**
 * Shared pieces of the network-fault tests (tests/faults, run with scripts/fault-tests.sh): a
 * centre reachable from the devices, registration, a test control plane inside a device, and a
 * sampler of what the centre says about a cluster over time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClusterDetail } from "@outpost/cluster-core";
import { ApiClient } from "./api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "./centre";
import { openCentreDb, type CentreDb } from "./centre-db";
import { eventually } from "./eventually";
import type { Device, RunResult } from "./netns";
import { REPO_DIR } from "./paths";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { readTestClusterEnv } from "./test-cluster";

export interface FaultCentre {
  db: TestDatabase;
  centre: Centre;
  admin: ApiClient;
  /**
   * Stops the centre (SIGTERM) and opens its database for reading, for checks the API cannot
   * make (it shows only the newest 50 changes). Only once the centre is down: with SQLite, a
   * read transaction of another process at the moment the centre commits makes that commit
   * fail with SQLITE_BUSY, after which the centre's connection stays locked (see the report of
   * the fault tests) — the test would break what it measures.
   */
  stopAndOpenStore(): Promise<CentreDb>;
  /** The centre's URL as a device sees it (the hub end of the device's link). */
  urlFor(device: Device): string;
  /** A registration token for a new cluster `name` (in a site of its own). */
  token(name: string): Promise<string>;
  /** Waits until the cluster `name` exists (its agent registered) and returns its id. */
  clusterId(name: string, timeoutMs?: number): Promise<string>;
  detail(id: string): Promise<ClusterDetail>;
  close(): Promise<void>;
}

/**
 * The real centre on all addresses of the hub namespace (loopback for the test's API calls,
 * the hub end of every device link for agents), with a short agent heartbeat timeout.
 */
export async function startFaultCentre(opts: { heartbeatTimeoutMs?: number; env?: Record<string, string> } = {}): Promise<FaultCentre> {
  const db = await createTestDatabase();
  let centre: Centre | undefined;
  try {
    centre = await startCentre({
      databaseUrl: db.url,
      env: { HOST: "0.0.0.0", OUTPOST_AGENT_HEARTBEAT_TIMEOUT_MS: String(opts.heartbeatTimeoutMs ?? 6_000), ...opts.env },
    });
    const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    const c = centre;
    let store: CentreDb | undefined;
    let sites = 0;
    return {
      db,
      centre: c,
      admin,
      async stopAndOpenStore() {
        await c.stop();
        store ??= await openCentreDb(db.url);
        return store;
      },
      urlFor: (device) => `http://${device.hubAddress}:${c.port}`,
      async token(name) {
        const site = await admin.createSite(`site-${name}-${++sites}`);
        return (await admin.createRegistrationToken(site.id, name)).token;
      },
      async clusterId(name, timeoutMs = 30_000) {
        const found = await eventually(() => admin.clusters(), (list) => list.some((c) => c.name === name), `cluster ${name} registered`, timeoutMs);
        return found.find((c) => c.name === name)!.id;
      },
      detail: (id) => admin.cluster(id),
      async close() {
        await store?.close().catch(() => undefined);
        await c.stop().catch(() => undefined);
        await db.drop().catch(() => undefined);
      },
    };
  } catch (err) {
    await centre?.stop().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw err;
  }
}

export interface DeviceCluster {
  dir: string;
  kubeconfig: string;
  /** kubectl inside the device, against the device's own control plane. Never rejects. */
  kubectl(args: string[], opts?: { timeoutMs?: number; input?: string }): Promise<RunResult>;
  /** Like kubectl, but throws unless it exits 0; resolves with its stdout. */
  kubectlOk(args: string[], opts?: { timeoutMs?: number; input?: string }): Promise<string>;
  stop(): Promise<void>;
}

const TESTCLUSTER = join(REPO_DIR, "scripts/testcluster.sh");

/**
 * A test control plane (scripts/testcluster.sh: kine, kube-apiserver, controller-manager,
 * scheduler, kwok nodes) started inside the device's namespace: it listens on the device's own
 * loopback, so an agent in the device reaches it whatever happens to the device's link.
 */
export async function startDeviceCluster(device: Device, opts: { nodes?: number } = {}): Promise<DeviceCluster> {
  const dir = mkdtempSync(join(tmpdir(), `outpost-devcluster-${device.index}-`));
  const stop = async () => {
    await device.run("bash", [TESTCLUSTER, "stop", dir], { timeoutMs: 60_000 }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  const started = await device.run("bash", [TESTCLUSTER, "start", dir, "--nodes", String(opts.nodes ?? 1)], { timeoutMs: 180_000 });
  if (started.code !== 0) {
    await stop();
    throw new Error(`test cluster in ${device.name} did not start (${started.code ?? started.signal}):\n${started.stderr.slice(-4000)}`);
  }
  const env = readTestClusterEnv(dir);
  const kubectlBin = env.KUBECTL!;
  const kubeconfig = env.KUBECONFIG!;
  const kubectl: DeviceCluster["kubectl"] = (args, o = {}) =>
    device.run(kubectlBin, ["--kubeconfig", kubeconfig, ...args], { timeoutMs: o.timeoutMs ?? 30_000, input: o.input });
  return {
    dir,
    kubeconfig,
    kubectl,
    async kubectlOk(args, o) {
      const r = await kubectl(args, o);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${r.code ?? r.signal}): ${r.stderr.trim()}`);
      return r.stdout;
    },
    stop,
  };
}

export interface StatusSample {
  /** ms since the sampler started. */
  t: number;
  at: number;
  status: string;
  linkRttMs: number | null;
  queuedAtDevice: number | null;
  /** Seq of the newest change the centre has stored (0: none). */
  newestSeq: number;
}

export interface StatusSampler {
  samples: StatusSample[];
  /** Samples taken at or after `from` (epoch ms), and before `to` if given. */
  between(from: number, to?: number): StatusSample[];
  stop(): Promise<void>;
}

/** Polls the cluster's detail through the API every `everyMs` and keeps what it said. */
export function sampleStatus(fc: FaultCentre, clusterId: string, everyMs = 250): StatusSampler {
  const samples: StatusSample[] = [];
  const t0 = Date.now();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const d = await fc.detail(clusterId);
        const at = Date.now();
        samples.push({ t: at - t0, at, status: d.status, linkRttMs: d.linkRttMs, queuedAtDevice: d.queuedAtDevice, newestSeq: d.changes[0]?.seq ?? 0 });
      } catch {
        // the centre may be down on purpose
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    samples,
    between: (from, to) => samples.filter((s) => s.at >= from && (to === undefined || s.at < to)),
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Longest stretch (ms) of consecutive samples with the given status. */
export function longestRun(samples: StatusSample[], status: string): number {
  let longest = 0;
  let start: number | null = null;
  for (const s of samples) {
    if (s.status === status) {
      start ??= s.at;
      longest = Math.max(longest, s.at - start);
    } else start = null;
  }
  return longest;
}

/** Longest time (ms) over the samples in which no new change reached the centre. */
export function longestStall(samples: StatusSample[]): number {
  let longest = 0;
  let since = samples[0]?.at;
  let seq = samples[0]?.newestSeq ?? 0;
  for (const s of samples) {
    if (s.newestSeq > seq) {
      seq = s.newestSeq;
      since = s.at;
    }
    longest = Math.max(longest, s.at - (since ?? s.at));
  }
  return longest;
}

/** "online 12.3s → degraded 4.1s → …": the status timeline of the samples, for the log. */
export function describeTimeline(samples: StatusSample[]): string {
  const parts: string[] = [];
  let current: { status: string; from: number; to: number } | null = null;
  for (const s of samples) {
    if (current && current.status === s.status) current.to = s.at;
    else {
      if (current) parts.push(`${current.status} ${((current.to - current.from) / 1000).toFixed(1)}s`);
      current = { status: s.status, from: s.at, to: s.at };
    }
  }
  if (current) parts.push(`${current.status} ${((current.to - current.from) / 1000).toFixed(1)}s`);
  return parts.join(" → ");
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
