import { identifyManifest, simulatedHelmChart, workloadTarget } from "./sim-manifest";
import type { ApplyResult, ClusterEvent, ClusterSnapshot, HelmChartReport, KubeManifest, NodeInfo, WorkloadInfo } from "@outpost/cluster-core";

export interface SimClusterOptions {
  name: string;
  /** Seeded: the whole cluster and its sequence of changes follow from it. */
  random: () => number;
  /** Time scale: rollouts and scale-ups take about this long to become ready. */
  changeIntervalMs: number;
}

interface SimWorkload extends WorkloadInfo {
  /** While set, `ready` lags behind `desired` until this moment (epoch ms). */
  settlesAt: number | null;
  podName: string;
}

// Images of the built-in workloads: k3s's own, and typical edge apps from a private registry.
const SYSTEM_IMAGES: Record<string, string> = {
  coredns: "rancher/mirrored-coredns-coredns:1.12.3",
  "local-path-provisioner": "rancher/local-path-provisioner:v0.0.32",
  "metrics-server": "rancher/mirrored-metrics-server:v0.8.0",
  traefik: "rancher/mirrored-library-traefik:3.3.6",
};
const APP_VERSIONS = ["1.4.2", "1.5.0", "1.5.1"] as const;

const K3S_VERSIONS = ["v1.31.13+k3s1", "v1.32.9+k3s1", "v1.33.5+k3s1"] as const;
const MAX_EVENTS = 50;
const MAX_REPLICAS = 5;

// What a fresh k3s install runs (servicelb's svclb DaemonSet left out to keep the list short).
const K3S_SYSTEM_WORKLOADS: ReadonlyArray<Pick<WorkloadInfo, "namespace" | "name" | "kind" | "desired">> = [
  { namespace: "kube-system", name: "coredns", kind: "Deployment", desired: 1 },
  { namespace: "kube-system", name: "local-path-provisioner", kind: "Deployment", desired: 1 },
  { namespace: "kube-system", name: "metrics-server", kind: "Deployment", desired: 1 },
  { namespace: "kube-system", name: "traefik", kind: "Deployment", desired: 1 },
];

// Typical edge-site applications; each simulated cluster runs a few of them.
const APP_WORKLOADS: ReadonlyArray<Pick<WorkloadInfo, "namespace" | "name" | "kind" | "desired">> = [
  { namespace: "pos", name: "pos-api", kind: "Deployment", desired: 2 },
  { namespace: "pos", name: "receipt-printer", kind: "Deployment", desired: 1 },
  { namespace: "edge-apps", name: "camera-ingest", kind: "Deployment", desired: 2 },
  { namespace: "edge-apps", name: "inventory-sync", kind: "Deployment", desired: 1 },
  { namespace: "edge-apps", name: "mqtt-broker", kind: "StatefulSet", desired: 1 },
  { namespace: "monitoring", name: "node-exporter", kind: "DaemonSet", desired: 1 },
  { namespace: "monitoring", name: "vmagent", kind: "Deployment", desired: 1 },
  { namespace: "default", name: "redis", kind: "StatefulSet", desired: 1 },
];

/**
 * The state of one simulated k3s cluster and the ways it changes. No timers: callers pass the
 * current time, which keeps it deterministic and testable; SimDriver supplies the clock.
 */
export class SimCluster {
  readonly k3sVersion: string;
  private readonly nodes: NodeInfo[];
  private readonly workloads: SimWorkload[];
  private events: ClusterEvent[] = [];
  /** Manifests applied through `apply`, by identity, as JSON: detects no-op applies. */
  private readonly applied = new Map<string, string>();
  /** HelmCharts applied, as helm-controller would report them once installed (by identity key). */
  private readonly helmCharts = new Map<string, HelmChartReport>();
  private readonly random: () => number;
  private readonly changeIntervalMs: number;
  private readonly clusterName: string;

  constructor({ name, random, changeIntervalMs }: SimClusterOptions) {
    this.clusterName = name;
    this.random = random;
    this.changeIntervalMs = changeIntervalMs;
    this.k3sVersion = this.pick(K3S_VERSIONS);
    const nodeCount = this.int(1, 3);
    this.nodes = Array.from({ length: nodeCount }, (_, i) => {
      const memoryGiB = this.pick([4, 8, 16] as const);
      return {
        name: i === 0 ? `${name}-server-1` : `${name}-agent-${i}`,
        ready: true,
        roles: i === 0 ? ["control-plane", "master"] : [],
        kubeletVersion: this.k3sVersion,
        cpu: this.pick(["2", "4", "8"] as const),
        // Capacity as the kubelet reports it: a little under the nominal size, in Ki.
        memory: `${memoryGiB * 1024 * 1024 - this.int(150_000, 400_000)}Ki`,
      };
    });
    const apps = this.shuffle([...APP_WORKLOADS]).slice(0, this.int(1, 4));
    this.workloads = [...K3S_SYSTEM_WORKLOADS, ...apps].map((w) => ({ ...this.newWorkload(w.namespace, w.name, w.kind, w.desired, null), images: [this.builtInImage(w.namespace, w.name)] }));
  }

  /** The whole picture at `nowMs`, settling whatever has finished by then. */
  snapshot(nowMs: number): ClusterSnapshot {
    this.settleDue(nowMs);
    return {
      k3sVersion: this.k3sVersion,
      nodes: this.nodes.map((n) => ({ ...n, roles: [...n.roles] })),
      workloads: this.workloads.map(({ namespace, name, kind, desired, ready, images, helmRelease }) => ({ namespace, name, kind, desired, ready, ...(images ? { images: [...images] } : {}), ...(helmRelease ? { helmRelease } : {}) })),
      events: this.events.map((e) => ({ ...e })),
      helmCharts: [...this.helmCharts.values()].map((c) => structuredClone(c)),
      takenAt: new Date(nowMs).toISOString(),
    };
  }

  /** Makes one random change (rollout, Warning event, or scale) and describes it. */
  applyRandomChange(nowMs: number): string {
    this.settleDue(nowMs);
    const movable = this.workloads.filter((w) => w.namespace !== "kube-system" && w.kind !== "DaemonSet" && w.settlesAt === null);
    const roll = this.random();
    if (roll < 0.35 && movable.length > 0) {
      const w = this.pick(movable);
      w.ready = Math.max(0, w.desired - 1);
      w.settlesAt = nowMs + this.settleDelay();
      w.images = w.images?.map(nextPatchVersion);
      return `rollout of ${describe(w)} started (${w.ready}/${w.desired} ready)`;
    }
    if (roll >= 0.65 && movable.length > 0) {
      const w = this.pick(movable);
      const up = w.desired <= 1 || (w.desired < MAX_REPLICAS && this.random() < 0.5);
      w.desired += up ? 1 : -1;
      if (up) w.settlesAt = nowMs + this.settleDelay();
      else w.ready = Math.min(w.ready, w.desired);
      return `${describe(w)} scaled ${up ? "up" : "down"} to ${w.desired}`;
    }
    return this.addWarning(this.pick(this.workloads), nowMs);
  }

  /** Brings workloads whose rollout or scale-up is due to ready; describes each. */
  settleDue(nowMs: number): string[] {
    const done: string[] = [];
    for (const w of this.workloads) {
      if (w.settlesAt !== null && w.settlesAt <= nowMs) {
        w.settlesAt = null;
        w.ready = this.readyTarget(w);
        done.push(`${describe(w)} ready ${w.ready}/${w.desired}`);
      }
    }
    return done;
  }

  /** When the next workload settles (epoch ms), or null if none is in progress. */
  nextSettleAt(): number | null {
    const times = this.workloads.flatMap((w) => (w.settlesAt === null ? [] : [w.settlesAt]));
    return times.length > 0 ? Math.min(...times) : null;
  }

  /** Flips the first agent node's Ready condition (the only node's, on a one-node cluster). */
  toggleNodeReady(): NodeInfo {
    const node = (this.nodes[1] ?? this.nodes[0])!;
    node.ready = !node.ready;
    for (const w of this.workloads) if (w.kind === "DaemonSet" && w.settlesAt === null) w.ready = this.readyTarget(w);
    return { ...node, roles: [...node.roles] };
  }

  /** Server-side apply, simulated: workload kinds and k3s HelmCharts appear as workloads that roll out. */
  apply(manifest: KubeManifest, nowMs: number): ApplyResult {
    const { key, namespace } = identifyManifest(manifest);
    const result: ApplyResult = { kind: manifest.kind, name: manifest.metadata.name, namespace, action: "applied" };
    const json = JSON.stringify(manifest);
    if (this.applied.get(key) === json) return { ...result, action: "unchanged" };
    this.applied.set(key, json);

    const chart = simulatedHelmChart(manifest, this.helmCharts.get(key)?.release?.revision ?? 0, nowMs);
    if (chart) this.helmCharts.set(key, chart);
    const target = workloadTarget(manifest);
    if (target) {
      const desired = target.kind === "DaemonSet" ? this.nodes.length : target.replicas;
      const existing = this.findWorkload(target.namespace, target.name, target.kind);
      if (existing) {
        existing.desired = desired;
        existing.ready = Math.min(existing.ready, Math.max(0, desired - 1));
        existing.settlesAt = nowMs + this.settleDelay();
      } else {
        this.workloads.push(this.newWorkload(target.namespace, target.name, target.kind, desired, nowMs + this.settleDelay() / 2));
      }
      if (chart) this.findWorkload(target.namespace, target.name, target.kind)!.helmRelease = chart.name;
    }
    return result;
  }

  /** Deletes a simulated object; "unchanged" when there was nothing to delete. */
  delete(manifest: KubeManifest): ApplyResult {
    const { key, namespace } = identifyManifest(manifest);
    const hadManifest = this.applied.delete(key);
    this.helmCharts.delete(key);
    const target = workloadTarget(manifest);
    const index = target ? this.workloads.findIndex((w) => w.namespace === target.namespace && w.name === target.name && w.kind === target.kind) : -1;
    if (index >= 0) this.workloads.splice(index, 1);
    const action = hadManifest || index >= 0 ? "deleted" : "unchanged";
    return { kind: manifest.kind, name: manifest.metadata.name, namespace, action };
  }

  private addWarning(w: SimWorkload, nowMs: number): string {
    const nodes = this.nodes.length;
    const templates = [
      { reason: "BackOff", message: `Back-off restarting failed container ${w.name} in pod ${w.podName}_${w.namespace}` },
      {
        reason: "FailedScheduling",
        message: `0/${nodes} nodes are available: ${nodes} Insufficient memory. preemption: 0/${nodes} nodes are available: ${nodes} No preemption victims found for incoming pod.`,
      },
      {
        reason: "Unhealthy",
        message: `Readiness probe failed: Get "http://10.42.0.${this.int(2, 250)}:8080/healthz": dial tcp: connect: connection refused`,
      },
    ];
    const { reason, message } = this.pick(templates);
    const object = `Pod/${w.podName}`;
    const lastSeen = new Date(nowMs).toISOString();
    const previous = this.events.find((e) => e.namespace === w.namespace && e.object === object && e.reason === reason);
    // Kubernetes folds repeats into one event with a count; newest first, like the real driver.
    const event: ClusterEvent = { namespace: w.namespace, object, type: "Warning", reason, message, count: (previous?.count ?? 0) + 1, lastSeen };
    this.events = [event, ...this.events.filter((e) => e !== previous)].slice(0, MAX_EVENTS);
    return `Warning ${reason} on ${w.namespace}/${object}`;
  }

  private newWorkload(namespace: string, name: string, kind: WorkloadInfo["kind"], desired: number, settlesAt: number | null): SimWorkload {
    const w: SimWorkload = { namespace, name, kind, desired, ready: 0, settlesAt, podName: this.podName(name, kind) };
    if (kind === "DaemonSet") w.desired = this.nodes.length;
    if (settlesAt === null) w.ready = this.readyTarget(w);
    return w;
  }

  /** A built-in workload's image; the app version follows from the names, so no random draw shifts. */
  private builtInImage(namespace: string, name: string): string {
    const system = SYSTEM_IMAGES[name];
    if (namespace === "kube-system" && system) return system;
    const hash = [...`${this.clusterName}/${name}`].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
    return `registry.local/${namespace}/${name}:${APP_VERSIONS[hash % APP_VERSIONS.length]}`;
  }

  private readyTarget(w: SimWorkload): number {
    // DaemonSet pods on a NotReady node stop being ready; other kinds are rescheduled (simplified).
    return w.kind === "DaemonSet" ? this.nodes.filter((n) => n.ready).length : w.desired;
  }

  private findWorkload(namespace: string, name: string, kind: WorkloadInfo["kind"]): SimWorkload | undefined {
    return this.workloads.find((w) => w.namespace === namespace && w.name === name && w.kind === kind);
  }

  private podName(name: string, kind: WorkloadInfo["kind"]): string {
    if (kind === "StatefulSet") return `${name}-0`;
    const suffix = this.token(5);
    return kind === "Deployment" ? `${name}-${this.token(10)}-${suffix}` : `${name}-${suffix}`;
  }

  /** Random characters from the alphabet Kubernetes uses for generated names. */
  private token(length: number): string {
    const alphabet = "bcdfghjklmnpqrstvwxz2456789";
    return Array.from({ length }, () => alphabet[Math.floor(this.random() * alphabet.length)]).join("");
  }

  private settleDelay(): number {
    return Math.round(this.changeIntervalMs * (0.5 + this.random()));
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/** `repo:1.5.1` → `repo:1.5.2`: what a simulated rollout ships. */
function nextPatchVersion(image: string): string {
  return image.replace(/(\d+)$/, (patch) => String(Number(patch) + 1));
}

function describe(w: WorkloadInfo): string {
  return `${w.kind.toLowerCase()} ${w.namespace}/${w.name}`;
}
