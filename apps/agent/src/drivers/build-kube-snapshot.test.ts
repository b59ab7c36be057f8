import type { CoreV1Event, V1Node } from "@kubernetes/client-node";
import { ZClusterSnapshot } from "@outpost/cluster-core";
import { describe, expect, it } from "vitest";
import { buildKubeSnapshot, MAX_SNAPSHOT_EVENTS, type KubeLists } from "./build-kube-snapshot";

const NOW = new Date("2026-03-01T12:00:00Z");

function node(name: string, labels: Record<string, string>, ready: "True" | "False" | "Unknown"): V1Node {
  return {
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...labels } },
    status: {
      conditions: [
        { type: "MemoryPressure", status: "False" },
        { type: "Ready", status: ready },
      ],
      capacity: { cpu: "4", memory: "8025668Ki", pods: "110" },
      nodeInfo: {
        kubeletVersion: "v1.33.5+k3s1",
        architecture: "arm64",
        bootID: "",
        containerRuntimeVersion: "containerd://2.1.4-k3s1",
        kernelVersion: "6.8.0",
        kubeProxyVersion: "v1.33.5+k3s1",
        machineID: "",
        operatingSystem: "linux",
        osImage: "Ubuntu 24.04 LTS",
        systemUUID: "",
      },
    },
  };
}

function warning(name: string, at: Date, extra: Partial<CoreV1Event> = {}): CoreV1Event {
  return {
    metadata: { name: `${name}.1829`, namespace: "pos" },
    involvedObject: { kind: "Pod", name, namespace: "pos" },
    type: "Warning",
    reason: "BackOff",
    message: `Back-off restarting failed container in pod ${name}`,
    count: 3,
    lastTimestamp: at,
    ...extra,
  };
}

function lists(overrides: Partial<KubeLists> = {}): KubeLists {
  return { gitVersion: "v1.33.5+k3s1", nodes: [], deployments: [], statefulSets: [], daemonSets: [], events: [], now: NOW, ...overrides };
}

describe("buildKubeSnapshot", () => {
  it("maps nodes: Ready condition, roles from node-role labels, kubelet version, capacity", () => {
    const snapshot = buildKubeSnapshot(
      lists({
        nodes: [
          node("srv-1", { "node-role.kubernetes.io/control-plane": "true", "node-role.kubernetes.io/master": "true" }, "True"),
          node("agent-1", {}, "Unknown"),
        ],
      }),
    );
    expect(snapshot.nodes).toEqual([
      { name: "srv-1", ready: true, roles: ["control-plane", "master"], kubeletVersion: "v1.33.5+k3s1", cpu: "4", memory: "8025668Ki" },
      { name: "agent-1", ready: false, roles: [], kubeletVersion: "v1.33.5+k3s1", cpu: "4", memory: "8025668Ki" },
    ]);
    expect(snapshot.k3sVersion).toBe("v1.33.5+k3s1");
    expect(snapshot.takenAt).toBe(NOW.toISOString());
  });

  it("maps workloads: replicas for Deployments and StatefulSets, scheduling for DaemonSets", () => {
    const snapshot = buildKubeSnapshot(
      lists({
        deployments: [
          { metadata: { name: "coredns", namespace: "kube-system" }, spec: { replicas: 2, selector: {}, template: {} }, status: { readyReplicas: 1 } },
          // A Deployment scaled to zero has no readyReplicas at all.
          { metadata: { name: "idle", namespace: "pos" }, spec: { replicas: 0, selector: {}, template: {} }, status: {} },
        ],
        statefulSets: [{ metadata: { name: "mqtt", namespace: "edge" }, spec: { replicas: 1, selector: {}, serviceName: "mqtt", template: {} }, status: { replicas: 1, readyReplicas: 1 } }],
        daemonSets: [
          {
            metadata: { name: "svclb-traefik", namespace: "kube-system" },
            status: { desiredNumberScheduled: 3, numberReady: 2, currentNumberScheduled: 3, numberMisscheduled: 0 },
          },
        ],
      }),
    );
    expect(snapshot.workloads).toEqual([
      { namespace: "kube-system", name: "coredns", kind: "Deployment", desired: 2, ready: 1 },
      { namespace: "pos", name: "idle", kind: "Deployment", desired: 0, ready: 0 },
      { namespace: "edge", name: "mqtt", kind: "StatefulSet", desired: 1, ready: 1 },
      { namespace: "kube-system", name: "svclb-traefik", kind: "DaemonSet", desired: 3, ready: 2 },
    ]);
  });

  it("lists each workload's container images once, init containers first", () => {
    const snapshot = buildKubeSnapshot(
      lists({
        deployments: [
          {
            metadata: { name: "pos-api", namespace: "pos" },
            spec: {
              replicas: 1,
              selector: {},
              template: {
                spec: {
                  initContainers: [{ name: "migrate", image: "registry.local/pos/migrate:1.2" }],
                  containers: [
                    { name: "api", image: "registry.local/pos/pos-api:1.2" },
                    { name: "sidecar", image: "registry.local/pos/migrate:1.2" },
                  ],
                },
              },
            },
            status: { readyReplicas: 1 },
          },
        ],
      }),
    );
    expect(snapshot.workloads[0]?.images).toEqual(["registry.local/pos/migrate:1.2", "registry.local/pos/pos-api:1.2"]);
  });

  it("keeps the newest Warning events first, at most 50", () => {
    const events = Array.from({ length: 80 }, (_, i) => warning(`pod-${i}`, new Date(NOW.getTime() - (i * 7919) % 80_000)));
    events.push(warning("normal", NOW, { type: "Normal" }));
    const snapshot = buildKubeSnapshot(lists({ events }));
    expect(snapshot.events).toHaveLength(MAX_SNAPSHOT_EVENTS);
    const times = snapshot.events.map((e) => Date.parse(e.lastSeen));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(snapshot.events.some((e) => e.object === "Pod/normal")).toBe(false);
    expect(snapshot.events[0]).toEqual({
      namespace: "pos",
      object: "Pod/pod-0",
      type: "Warning",
      reason: "BackOff",
      message: "Back-off restarting failed container in pod pod-0",
      count: 3,
      lastSeen: NOW.toISOString(),
    });
  });

  it("reads events.k8s.io-style series and eventTime when lastTimestamp is missing", () => {
    const older = new Date(NOW.getTime() - 60_000);
    const snapshot = buildKubeSnapshot(
      lists({
        events: [
          warning("a", older, { lastTimestamp: undefined, eventTime: older, count: undefined }),
          warning("b", older, { lastTimestamp: undefined, eventTime: older, series: { count: 9, lastObservedTime: NOW } }),
        ],
      }),
    );
    expect(snapshot.events.map((e) => [e.object, e.count, e.lastSeen])).toEqual([
      ["Pod/b", 9, NOW.toISOString()],
      ["Pod/a", 1, older.toISOString()],
    ]);
  });

  it("clips what the centre would refuse, so a chatty cluster still reports", () => {
    const snapshot = buildKubeSnapshot(
      lists({
        gitVersion: `v1.33.5+k3s1-${"x".repeat(100)}`,
        nodes: [node("n".repeat(300), { [`node-role.kubernetes.io/${"r".repeat(80)}`]: "" }, "True")],
        events: [warning("p", NOW, { message: "m".repeat(5000), reason: "R".repeat(200) })],
      }),
    );
    expect(() => ZClusterSnapshot.parse(snapshot)).not.toThrow();
    expect(snapshot.events[0]!.message).toHaveLength(1024);
  });
});

describe("buildKubeSnapshot: helm releases", () => {
  it("names the helm release of a workload and says why it is not Ready", () => {
    const snapshot = buildKubeSnapshot({
      gitVersion: "v1.36.3+k3s1",
      nodes: [],
      deployments: [
        {
          metadata: { name: "web", namespace: "shop", annotations: { "meta.helm.sh/release-name": "shop" } },
          spec: { replicas: 3, selector: {}, template: {} },
          status: { readyReplicas: 1, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-5d" has timed out progressing.' }] },
        },
        { metadata: { name: "plain", namespace: "shop" }, spec: { replicas: 1, selector: {}, template: {} }, status: { readyReplicas: 1 } },
      ],
      statefulSets: [],
      daemonSets: [],
      events: [],
      now: NOW,
    });
    expect(snapshot.workloads[0]).toEqual({
      namespace: "shop",
      name: "web",
      kind: "Deployment",
      desired: 3,
      ready: 1,
      helmRelease: "shop",
      problem: 'ProgressDeadlineExceeded: ReplicaSet "web-5d" has timed out progressing.',
    });
    expect(snapshot.workloads[1]).toEqual({ namespace: "shop", name: "plain", kind: "Deployment", desired: 1, ready: 1 });
    expect(ZClusterSnapshot.safeParse(snapshot).success).toBe(true);
  });
});
