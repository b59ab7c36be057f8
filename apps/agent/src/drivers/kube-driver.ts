import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  VersionApi,
  Watch,
  type KubernetesObject,
} from "@kubernetes/client-node";
import type { ApplyResult, ClusterChange, ClusterDriver, ClusterSnapshot, KubeManifest } from "@outpost/cluster-core";
import { AgentConfigError } from "../errors/agent-error";
import type { Logger } from "../logging/logger";
import { buildKubeSnapshot } from "./build-kube-snapshot";
import { startRestartingWatch } from "./restarting-watch";
import { HelmReportReader } from "../helm/helm-report-reader";

const FIELD_MANAGER = "outpost";
const WARNING_ONLY = "type=Warning";

/** What the agent watches to know when to send a new snapshot. */
const WATCHED_PATHS: ReadonlyArray<{ path: string; query?: Record<string, string> }> = [
  { path: "/api/v1/nodes" },
  { path: "/apis/apps/v1/deployments" },
  { path: "/apis/apps/v1/statefulsets" },
  { path: "/apis/apps/v1/daemonsets" },
  { path: "/api/v1/events", query: { fieldSelector: WARNING_ONLY } },
  // HelmCharts Outpost manages, helm-controller's install Jobs and their pods, helm's release records.
  { path: "/apis/helm.cattle.io/v1/helmcharts", query: { labelSelector: "app.kubernetes.io/managed-by=outpost" } },
  { path: "/apis/batch/v1/jobs", query: { labelSelector: "helmcharts.helm.cattle.io/chart" } },
  { path: "/api/v1/pods", query: { labelSelector: "helmcharts.helm.cattle.io/chart" } },
  { path: "/api/v1/secrets", query: { labelSelector: "owner=helm" } },
];

/**
 * The agent's view of a real k3s cluster through its API server. This module is only ever
 * loaded with a dynamic import (see create-driver), so simulated agents never pay for the client.
 */
export class KubeDriver implements ClusterDriver {
  readonly kind = "kube" as const;
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly version: VersionApi;
  private readonly objects: KubernetesObjectApi;
  private readonly helm: HelmReportReader;
  private readonly watches = new Set<() => void>();

  private constructor(
    private readonly config: KubeConfig,
    private readonly log: Logger,
  ) {
    this.core = config.makeApiClient(CoreV1Api);
    this.apps = config.makeApiClient(AppsV1Api);
    this.version = config.makeApiClient(VersionApi);
    this.objects = KubernetesObjectApi.makeApiClient(config);
    this.helm = new HelmReportReader(config.makeApiClient(CustomObjectsApi), config.makeApiClient(BatchV1Api), this.core, log);
  }

  /** Reads a kubeconfig file (k3s writes /etc/rancher/k3s/k3s.yaml); a bad file is a config error. */
  static fromKubeconfig(path: string, log: Logger): KubeDriver {
    const config = new KubeConfig();
    try {
      config.loadFromFile(path);
    } catch (err) {
      throw new AgentConfigError(`cannot load kubeconfig ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!config.getCurrentCluster()) throw new AgentConfigError(`kubeconfig ${path} has no current cluster`);
    return new KubeDriver(config, log);
  }

  async snapshot(): Promise<ClusterSnapshot> {
    const [version, nodes, deployments, statefulSets, daemonSets, events, helmCharts] = await Promise.all([
      this.version.getCode(),
      this.core.listNode(),
      this.apps.listDeploymentForAllNamespaces(),
      this.apps.listStatefulSetForAllNamespaces(),
      this.apps.listDaemonSetForAllNamespaces(),
      this.core.listEventForAllNamespaces({ fieldSelector: WARNING_ONLY }),
      this.helm.read(),
    ]);
    const snapshot = buildKubeSnapshot({
      gitVersion: version.gitVersion,
      nodes: nodes.items,
      deployments: deployments.items,
      statefulSets: statefulSets.items,
      daemonSets: daemonSets.items,
      events: events.items,
      now: new Date(),
    });
    return helmCharts === undefined ? snapshot : { ...snapshot, helmCharts };
  }

  watch(onChange: (change?: ClusterChange) => void): () => void {
    const watch = new Watch(this.config);
    const stops = WATCHED_PATHS.map(({ path, query }) => startRestartingWatch({ watch, path, query, onChange, log: this.log }));
    const stopAll = () => {
      this.watches.delete(stopAll);
      for (const stop of stops) stop();
    };
    this.watches.add(stopAll);
    return stopAll;
  }

  /**
   * Server-side apply, field manager "outpost", forcing ownership of conflicting fields.
   * "applied" means the apply changed (or created) the object, "unchanged" that it was already as
   * wanted: the API server keeps the resourceVersion of a no-op apply, so comparing it tells.
   * That is how the reconciler notices drift.
   */
  async apply(manifests: KubeManifest[]): Promise<ApplyResult[]> {
    const results: ApplyResult[] = [];
    for (const manifest of manifests) {
      // The client fills in a default namespace in place; keep the caller's object untouched.
      const spec: KubernetesObject = structuredClone(manifest);
      const before = await this.objects.read(structuredClone(manifest) as KubernetesObject & { metadata: { name: string } }).then(
        (o) => o.metadata?.resourceVersion,
        () => undefined,
      );
      const applied = await this.objects.patch(spec, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
      const changed = before === undefined || applied.metadata?.resourceVersion !== before;
      results.push({ kind: manifest.kind, name: manifest.metadata.name, namespace: applied.metadata?.namespace, action: changed ? "applied" : "unchanged" });
    }
    return results;
  }

  /** Deletes each object; one that is already gone counts as "unchanged", not as an error. */
  async delete(manifests: KubeManifest[]): Promise<ApplyResult[]> {
    const results: ApplyResult[] = [];
    for (const manifest of manifests) {
      const spec: KubernetesObject = structuredClone(manifest);
      const base = { kind: manifest.kind, name: manifest.metadata.name, namespace: manifest.metadata.namespace };
      try {
        await this.objects.delete(spec);
        results.push({ ...base, namespace: spec.metadata?.namespace, action: "deleted" });
      } catch (err) {
        if (statusCodeOf(err) !== 404) throw err;
        results.push({ ...base, action: "unchanged" });
      }
    }
    return results;
  }

  async close(): Promise<void> {
    for (const stop of [...this.watches]) stop();
  }
}

function statusCodeOf(err: unknown): number | undefined {
  return typeof err === "object" && err !== null && "code" in err && typeof err.code === "number" ? err.code : undefined;
}
