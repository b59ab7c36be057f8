import { clusterProblemRank, type ClusterStatus } from "@outpost/cluster-core";
import { openDatabase } from "../../apps/web/src/server/db/open-database";
import { REPO_DIR } from "./paths";

export interface SeedFleetOptions {
  sites: number;
  clusters: number;
  /** Seeds the pseudo-random mix; the same seed gives the same fleet. */
  seed?: number;
  now?: Date;
  /** Prefix of site and cluster names (several fleets in one database). */
  prefix?: string;
}

export interface SeededCluster {
  id: string;
  name: string;
  site: string;
  status: ClusterStatus;
  labels: Record<string, string>;
  k3sVersion: string;
  nodesReady: number;
  nodesTotal: number;
  workloadsHealthy: number;
  workloadsTotal: number;
  /** Times it went offline in the last 24 h. */
  outages24h: number;
  workloads: { namespace: string; name: string; images: string[] }[];
}

const VERSIONS = ["v1.31.13+k3s1", "v1.32.9+k3s1", "v1.33.5+k3s1"];
const KINDS = ["store", "factory", "warehouse"];
const REGIONS = ["eu", "us", "apac"];
const APPS = [
  { namespace: "pos", name: "pos-api" },
  { namespace: "pos", name: "receipt-printer" },
  { namespace: "edge-apps", name: "camera-ingest" },
  { namespace: "edge-apps", name: "inventory-sync" },
  { namespace: "monitoring", name: "vmagent" },
];
const APP_VERSIONS = ["1.4.2", "1.5.0", "1.5.1"];

/**
 * Writes a simulated fleet straight into a centre's database, as the centre itself would store
 * it (cluster rows with problem ranks, label rows, workload rows with images, status history):
 * for tests and benchmarks that need hundreds or thousands of clusters without as many agents.
 * Mix: ~4 % offline, ~3 % degraded, ~5 % with a NotReady node, ~8 % with an unhealthy workload,
 * ~2 % never connected, the rest healthy.
 */
export async function seedFleet(databaseUrl: string, opts: SeedFleetOptions): Promise<SeededCluster[]> {
  const { db } = openDatabase(databaseUrl, `${REPO_DIR}/data/unused.db`);
  const random = mulberry32(opts.seed ?? 42);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const now = opts.now ?? new Date();
  const prefix = opts.prefix ?? "";
  try {
    const siteNames = Array.from({ length: opts.sites }, (_, i) => `${prefix}${pick(KINDS)}-${String(i + 1).padStart(4, "0")}`);
    await db.site.createMany({ data: siteNames.map((name) => ({ name, labels: "{}" })) });
    const sites = await db.site.findMany({ where: { name: { in: siteNames } }, select: { id: true, name: true } });
    const siteId = new Map(sites.map((s) => [s.name, s.id]));

    const seeded: (SeededCluster & { siteId: string })[] = [];
    for (let i = 0; i < opts.clusters; i++) {
      const site = siteNames[i % siteNames.length]!;
      const roll = random();
      const status: ClusterStatus = roll < 0.04 ? "offline" : roll < 0.07 ? "degraded" : roll < 0.09 ? "pending" : "online";
      const nodesTotal = status === "pending" ? 0 : 1 + Math.floor(random() * 3);
      const nodesReady = status !== "pending" && random() < 0.05 ? nodesTotal - 1 : nodesTotal;
      const apps = APPS.filter(() => random() < 0.6);
      const workloads = status === "pending" ? [] : apps.map((a) => ({ ...a, images: [`registry.local/${a.namespace}/${a.name}:${pick(APP_VERSIONS)}`] }));
      const unhealthy = workloads.length > 0 && random() < 0.08 ? 1 : 0;
      const kind = site.slice(prefix.length).split("-")[0]!;
      seeded.push({
        id: "",
        siteId: siteId.get(site)!,
        name: `${site}-k3s-${i + 1}`,
        site,
        status,
        labels: { kind, region: pick(REGIONS), tier: pick(["a", "b", "c"]), ...(random() < 0.3 ? { beta: "true" } : {}) },
        k3sVersion: status === "pending" ? "" : pick(VERSIONS),
        nodesReady,
        nodesTotal,
        workloadsHealthy: workloads.length - unhealthy,
        workloadsTotal: workloads.length,
        outages24h: status === "pending" ? 0 : random() < 0.1 ? 1 + Math.floor(random() * 3) : 0,
        workloads,
      });
    }

    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    await db.cluster.createMany({
      data: seeded.map((c) => ({
        name: c.name,
        siteId: c.siteId,
        labels: JSON.stringify(c.labels),
        k3sVersion: c.k3sVersion,
        status: c.status,
        simulated: true,
        lastSeenAt: c.status === "pending" ? null : c.status === "offline" ? minutesAgo(30 + Math.floor(random() * 600)) : now,
        offlineSince: c.status === "offline" ? minutesAgo(30) : null,
        statusSince: c.status === "pending" ? null : minutesAgo(Math.floor(random() * 1000)),
        nodesReady: c.nodesReady,
        nodesTotal: c.nodesTotal,
        workloadsHealthy: c.workloadsHealthy,
        workloadsTotal: c.workloadsTotal,
        problemRank: clusterProblemRank(c),
      })),
    });
    const ids = new Map((await db.cluster.findMany({ where: { name: { in: seeded.map((c) => c.name) } }, select: { id: true, name: true } })).map((r) => [r.name, r.id]));
    for (const c of seeded) c.id = ids.get(c.name)!;

    await db.clusterLabel.createMany({ data: seeded.flatMap((c) => Object.entries(c.labels).map(([key, value]) => ({ clusterId: c.id, key, value }))) });
    await db.clusterWorkload.createMany({
      data: seeded.flatMap((c) =>
        c.workloads.map((w, j) => ({
          clusterId: c.id,
          namespace: w.namespace,
          kind: "Deployment",
          name: w.name,
          desired: 2,
          ready: j === 0 && c.workloadsHealthy < c.workloadsTotal ? 1 : 2,
          images: w.images.join("\n"),
        })),
      ),
    });
    await db.clusterStatusEvent.createMany({
      data: seeded.flatMap((c) =>
        Array.from({ length: c.outages24h }, (_, k) => [
          { clusterId: c.id, at: minutesAgo(120 * (k + 1) + 10), from: "online", to: "offline", reason: "disconnected" },
          { clusterId: c.id, at: minutesAgo(120 * (k + 1)), from: "offline", to: "online", reason: "connected" },
        ]).flat(),
      ),
    });
    return seeded.map(({ siteId: _siteId, ...c }) => c);
  } finally {
    await db.$disconnect();
  }
}

/** A small seeded generator: the same fleet for the same seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
