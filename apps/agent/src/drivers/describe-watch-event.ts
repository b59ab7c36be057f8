import type { ClusterChange } from "@outpost/cluster-core";

type Obj = {
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: { replicas?: number };
  status?: {
    readyReplicas?: number;
    replicas?: number;
    numberReady?: number;
    desiredNumberScheduled?: number;
    conditions?: { type?: string; status?: string }[];
  };
};

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

/**
 * The change a watch event stands for, for nodes and workloads (the outbox keeps every one of
 * them); undefined for anything else, such as Events, which only refresh the snapshot.
 */
export function describeWatchEvent(phase: string, object: unknown): ClusterChange | undefined {
  if (phase !== "ADDED" && phase !== "MODIFIED" && phase !== "DELETED") return undefined;
  const o = (object ?? {}) as Obj;
  const kind = o.kind ?? "";
  const name = o.metadata?.name;
  if (!name || (kind !== "Node" && !WORKLOADS.has(kind))) return undefined;
  return {
    type: phase,
    kind,
    namespace: o.metadata?.namespace ?? "",
    name: name.slice(0, 253),
    resourceVersion: (o.metadata?.resourceVersion ?? "").slice(0, 64),
    summary: summarize(kind, o).slice(0, 256),
  };
}

function summarize(kind: string, o: Obj): string {
  if (kind === "Node") {
    const ready = o.status?.conditions?.find((c) => c.type === "Ready")?.status;
    return `Ready=${ready ?? "Unknown"}`;
  }
  if (kind === "DaemonSet") return `ready ${o.status?.numberReady ?? 0}/${o.status?.desiredNumberScheduled ?? 0}`;
  return `ready ${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`;
}
