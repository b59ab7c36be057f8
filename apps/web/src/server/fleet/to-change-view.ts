import type { ClusterChangeView } from "@outpost/cluster-core";
import type { ClusterChange } from "../../../generated/prisma-sqlite";

/** A stored ClusterChange row as the API shows it. */
export function toChangeView(c: Omit<ClusterChange, "id" | "clusterId">): ClusterChangeView {
  return {
    seq: Number(c.seq),
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
