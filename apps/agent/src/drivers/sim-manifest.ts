import { HELM_CHART_ANNOTATIONS, type HelmChartReport, type KubeManifest, type WorkloadInfo } from "@outpost/cluster-core";

/** Identity of a manifest (for no-op detection); throws on a manifest without kind or name. */
export function identifyManifest(manifest: KubeManifest): { key: string; namespace: string | undefined } {
  if (typeof manifest.apiVersion !== "string" || typeof manifest.kind !== "string" || !manifest.kind) {
    throw new Error("manifest needs apiVersion and kind");
  }
  if (typeof manifest.metadata?.name !== "string" || !manifest.metadata.name) {
    throw new Error(`${manifest.kind} manifest needs metadata.name`);
  }
  const namespace = typeof manifest.metadata.namespace === "string" ? manifest.metadata.namespace : undefined;
  return { key: [manifest.apiVersion, manifest.kind, namespace ?? "", manifest.metadata.name].join("|"), namespace };
}

/** Which simulated workload a manifest stands for: apps/v1 kinds directly, a k3s HelmChart as a Deployment. */
export function workloadTarget(manifest: KubeManifest): { namespace: string; name: string; kind: WorkloadInfo["kind"]; replicas: number } | null {
  const spec = isRecord(manifest.spec) ? manifest.spec : {};
  const namespace = typeof manifest.metadata.namespace === "string" ? manifest.metadata.namespace : "default";
  const name = manifest.metadata.name;
  if (manifest.apiVersion === "apps/v1" && (manifest.kind === "Deployment" || manifest.kind === "StatefulSet" || manifest.kind === "DaemonSet")) {
    const replicas = typeof spec.replicas === "number" && Number.isInteger(spec.replicas) && spec.replicas >= 0 ? spec.replicas : 1;
    return { namespace, name, kind: manifest.kind, replicas };
  }
  if (manifest.apiVersion === "helm.cattle.io/v1" && manifest.kind === "HelmChart") {
    // helm-controller installs into spec.targetNamespace, else the HelmChart's own namespace.
    const targetNamespace = typeof spec.targetNamespace === "string" && spec.targetNamespace ? spec.targetNamespace : namespace;
    return { namespace: targetNamespace, name, kind: "Deployment", replicas: 1 };
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A simulated HelmChart as helm-controller reports it once installed: the release deployed at
 * the next revision with the chart version and values digest the centre annotated (a simulated
 * cluster has no chart to read them from), its install Job complete.
 */
export function simulatedHelmChart(manifest: KubeManifest, previousRevision: number, nowMs: number): HelmChartReport | null {
  if (manifest.apiVersion !== "helm.cattle.io/v1" || manifest.kind !== "HelmChart") return null;
  const annotations = isRecord(manifest.metadata.annotations) ? (manifest.metadata.annotations as Record<string, string>) : {};
  const name = manifest.metadata.name;
  const hash = `sim${(previousRevision + 1).toString(16).padStart(4, "0")}`;
  return {
    namespace: typeof manifest.metadata.namespace === "string" ? manifest.metadata.namespace : "default",
    name,
    revision: annotations[HELM_CHART_ANNOTATIONS.revision] ?? "",
    appliedAt: new Date(nowMs).toISOString(),
    deleting: false,
    conditions: [{ type: "JobCreated", status: "True", reason: "Job created", message: `Applying HelmChart using Job kube-system/helm-install-${name}` }],
    job: { name: `helm-install-${name}`, configHash: hash, active: 0, complete: true, failed: null },
    pod: null,
    release: {
      revision: previousRevision + 1,
      status: "deployed",
      configHash: hash,
      chartName: annotations[HELM_CHART_ANNOTATIONS.chartName] ?? name,
      chartVersion: annotations[HELM_CHART_ANNOTATIONS.chartVersion] ?? "",
      valuesDigest: annotations[HELM_CHART_ANNOTATIONS.valuesDigest] ?? "",
    },
  };
}
