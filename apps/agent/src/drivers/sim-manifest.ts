import type { KubeManifest, WorkloadInfo } from "@outpost/cluster-core";

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
