import type { KubeManifest } from "../driver/cluster-driver";

/** k3s keeps its HelmCharts in kube-system; helm-controller watches it. */
export const HELM_CHART_NAMESPACE = "kube-system";

export const HELM_CHART_ANNOTATIONS = {
  /** The spec hash, with "-<attempt>" after a retry: what the agent reports back. */
  revision: "outpost.io/revision",
  rollout: "outpost.io/rollout",
  chartName: "outpost.io/chart-name",
  chartVersion: "outpost.io/chart-version",
  valuesDigest: "outpost.io/values-digest",
} as const;

export type HelmChartSource =
  /** An uploaded archive, carried inside the object (works on air-gapped sites). */
  | { kind: "content"; archiveBase64: string }
  /** A chart in a Helm repository; the cluster fetches it. */
  | { kind: "repo"; repo: string; chart: string };

export interface HelmChartInput {
  releaseName: string;
  source: HelmChartSource;
  chartName: string;
  chartVersion: string;
  valuesContent: string;
  targetNamespace: string;
  createNamespace: boolean;
  failurePolicy: "reinstall" | "abort";
  /** helm --timeout; null leaves helm's default (5 minutes). */
  helmTimeoutSeconds: number | null;
}

/** The spec of a helm.cattle.io/v1 HelmChart for k3s's helm-controller. */
export function buildHelmChartSpec(input: HelmChartInput): Record<string, unknown> {
  const spec: Record<string, unknown> =
    input.source.kind === "content"
      ? { chartContent: input.source.archiveBase64 }
      : { repo: input.source.repo, chart: input.source.chart, version: input.chartVersion };
  spec.targetNamespace = input.targetNamespace;
  spec.createNamespace = input.createNamespace;
  spec.failurePolicy = input.failurePolicy;
  if (input.valuesContent.trim() !== "") spec.valuesContent = input.valuesContent;
  if (input.helmTimeoutSeconds !== null) spec.timeout = `${input.helmTimeoutSeconds}s`;
  return spec;
}

/** The revision of a release on a cluster: its spec hash, and the retry attempt after a retry. */
export function releaseRevision(specHash: string, attempt: number): string {
  return attempt > 0 ? `${specHash}-${attempt}` : specHash;
}

/**
 * The HelmChart object carried in a cluster's desired state. Its revision (the hash of
 * buildHelmChartSpec's result, computed by the caller, plus the retry attempt) and the expected
 * chart version and values digest ride along as annotations, so the agent's report says which
 * revision a cluster actually has.
 */
export function buildHelmChart(input: HelmChartInput, meta: { revision: string; rolloutId: string; valuesDigest: string }): KubeManifest {
  return {
    apiVersion: "helm.cattle.io/v1",
    kind: "HelmChart",
    metadata: {
      name: input.releaseName,
      namespace: HELM_CHART_NAMESPACE,
      annotations: {
        [HELM_CHART_ANNOTATIONS.revision]: meta.revision,
        [HELM_CHART_ANNOTATIONS.rollout]: meta.rolloutId,
        [HELM_CHART_ANNOTATIONS.chartName]: input.chartName,
        [HELM_CHART_ANNOTATIONS.chartVersion]: input.chartVersion,
        [HELM_CHART_ANNOTATIONS.valuesDigest]: meta.valuesDigest,
      },
    },
    spec: buildHelmChartSpec(input),
  };
}
