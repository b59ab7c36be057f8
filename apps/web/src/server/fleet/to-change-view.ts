import type { ClusterChangeView } from "@outpost/cluster-core";

interface ChangeRow {
  seq: number;
  observedAt: Date;
  receivedAt: Date;
  type: string;
  kind: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  summary: string;
}

/** A stored ClusterChange row as the API shows it. */
export function toChangeView(c: ChangeRow): ClusterChangeView {
  return {
    seq: c.seq,
    observedAt: c.observedAt.toISOString(),
    receivedAt: c.receivedAt.toISOString(),
    type: c.type,
    kind: c.kind,
    namespace: c.namespace,
    name: c.name,
    resourceVersion: c.resourceVersion,
    summary: c.summary,
  };
}
