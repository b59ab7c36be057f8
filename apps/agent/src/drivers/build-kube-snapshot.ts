import type { CoreV1Event, V1DaemonSet, V1Deployment, V1Node, V1PodTemplateSpec, V1StatefulSet } from "@kubernetes/client-node";
import type { ClusterEvent, ClusterSnapshot, NodeInfo, WorkloadInfo } from "@outpost/cluster-core";

export interface KubeLists {
  gitVersion: string;
  nodes: V1Node[];
  deployments: V1Deployment[];
  statefulSets: V1StatefulSet[];
  daemonSets: V1DaemonSet[];
  /** Warning events, any order. */
  events: CoreV1Event[];
  now: Date;
}

export const MAX_SNAPSHOT_EVENTS = 50;
const ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";

/**
 * Turns what the Kubernetes API listed into the snapshot the centre expects, clipping strings
 * to the schema's limits (a real cluster can carry longer messages than the centre stores).
 * Type-only import of the client: this stays pure and loads nothing.
 */
export function buildKubeSnapshot(lists: KubeLists): ClusterSnapshot {
  return {
    k3sVersion: clip(lists.gitVersion, 64),
    nodes: lists.nodes.map(toNodeInfo),
    workloads: [
      ...lists.deployments.map((d) => workload(d.metadata, "Deployment", d.spec?.replicas ?? 1, d.status?.readyReplicas, d.spec?.template, d.status?.conditions)),
      ...lists.statefulSets.map((s) => workload(s.metadata, "StatefulSet", s.spec?.replicas ?? 1, s.status?.readyReplicas, s.spec?.template, s.status?.conditions)),
      ...lists.daemonSets.map((d) => workload(d.metadata, "DaemonSet", d.status?.desiredNumberScheduled ?? 0, d.status?.numberReady, d.spec?.template, d.status?.conditions)),
    ],
    events: lists.events
      .filter((e) => e.type === "Warning")
      .map((e) => ({ event: e, at: eventTime(e) }))
      .sort((a, b) => b.at - a.at)
      .slice(0, MAX_SNAPSHOT_EVENTS)
      .map(({ event, at }) => toClusterEvent(event, at || lists.now.getTime())),
    takenAt: lists.now.toISOString(),
  };
}

function toNodeInfo(node: V1Node): NodeInfo {
  const labels = node.metadata?.labels ?? {};
  const roles = Object.keys(labels)
    .filter((key) => key.startsWith(ROLE_LABEL_PREFIX) && key.length > ROLE_LABEL_PREFIX.length)
    .map((key) => clip(key.slice(ROLE_LABEL_PREFIX.length), 63))
    .sort()
    .slice(0, 16);
  const readyCondition = node.status?.conditions?.find((c) => c.type === "Ready");
  return {
    name: clip(node.metadata?.name ?? "(unnamed)", 253),
    ready: readyCondition?.status === "True",
    roles,
    kubeletVersion: clip(node.status?.nodeInfo?.kubeletVersion ?? "", 64),
    cpu: clip(node.status?.capacity?.cpu ?? "", 32),
    memory: clip(node.status?.capacity?.memory ?? "", 32),
  };
}

interface WorkloadCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** Conditions that explain why a workload is not Ready (a Deployment past its progress deadline, failed pod creation). */
const PROBLEM_CONDITIONS: ReadonlyArray<[type: string, status: string]> = [
  ["Progressing", "False"],
  ["ReplicaFailure", "True"],
  ["Available", "False"],
];

function workload(
  metadata: { name?: string; namespace?: string; annotations?: Record<string, string> } | undefined,
  kind: WorkloadInfo["kind"],
  desired: number,
  ready: number | undefined,
  template: V1PodTemplateSpec | undefined,
  conditions: WorkloadCondition[] | undefined,
): WorkloadInfo {
  const images = templateImages(template);
  const info: WorkloadInfo = {
    namespace: clip(metadata?.namespace || "default", 253),
    name: clip(metadata?.name || "(unnamed)", 253),
    kind,
    desired: Math.max(0, desired),
    ready: Math.max(0, ready ?? 0),
    ...(images.length > 0 ? { images } : {}),
  };
  // helm marks everything a release installs with the release's name.
  const release = metadata?.annotations?.["meta.helm.sh/release-name"];
  if (release) info.helmRelease = clip(release, 253);
  const problem = PROBLEM_CONDITIONS.map(([type, status]) => conditions?.find((c) => c.type === type && c.status === status)).find((c) => c !== undefined);
  if (problem && info.ready < info.desired) info.problem = clip(`${problem.reason ?? problem.type}: ${problem.message ?? ""}`, 1024);
  return info;
}

/** The images a workload's pods run (init containers first), each once: for fleet-wide image search. */
function templateImages(template: V1PodTemplateSpec | undefined): string[] {
  const containers = [...(template?.spec?.initContainers ?? []), ...(template?.spec?.containers ?? [])];
  const images = containers.map((c) => c.image?.trim() ?? "").filter(Boolean).map((image) => clip(image, 512));
  return [...new Set(images)].slice(0, 32);
}

/** Newest sighting of an event: events.k8s.io-style series first, then the legacy fields. */
function eventTime(e: CoreV1Event): number {
  const candidates = [e.series?.lastObservedTime, e.lastTimestamp, e.eventTime, e.firstTimestamp, e.metadata?.creationTimestamp];
  for (const c of candidates) {
    const t = c === undefined ? NaN : new Date(c).getTime();
    if (Number.isFinite(t)) return t;
  }
  return 0;
}

function toClusterEvent(e: CoreV1Event, at: number): ClusterEvent {
  const involved = e.involvedObject;
  return {
    namespace: clip(involved?.namespace ?? e.metadata?.namespace ?? "", 253),
    object: clip(`${involved?.kind ?? "Object"}/${involved?.name ?? ""}`, 253),
    type: "Warning",
    reason: clip(e.reason ?? "", 128),
    message: clip(e.message ?? "", 1024),
    count: Math.max(1, e.series?.count ?? e.count ?? 1),
    lastSeen: new Date(at).toISOString(),
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
