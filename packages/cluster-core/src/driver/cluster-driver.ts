import type { ClusterSnapshot } from "../schemas/snapshot";
import type { ClusterChange } from "../schemas/outbox";

/** A Kubernetes object as YAML/JSON decodes it; the driver checks the fields it needs. */
export interface KubeManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ApplyResult {
  kind: string;
  name: string;
  namespace?: string;
  action: "applied" | "deleted" | "unchanged";
}

/**
 * The agent's view of its cluster. `KubeDriver` talks to a real k3s API; `SimDriver`
 * simulates one for demos and load tests of the centre (never for Kubernetes behaviour tests).
 */
export interface ClusterDriver {
  readonly kind: "kube" | "simulated";
  /** The whole current picture: nodes, workloads, recent Warning events. */
  snapshot(): Promise<ClusterSnapshot>;
  /**
   * Calls `onChange` whenever the picture may have changed, with the change itself when the
   * driver can name one (a watch event on a node or workload); returns a stop function.
   */
  watch(onChange: (change?: ClusterChange) => void): () => void;
  /** Server-side apply with field manager `outpost`. */
  apply(manifests: KubeManifest[]): Promise<ApplyResult[]>;
  delete(manifests: KubeManifest[]): Promise<ApplyResult[]>;
  close(): Promise<void>;
}
