import { createHash } from "node:crypto";
import { buildHelmChart, buildHelmChartSpec, canonicalJson, type HelmChartInput, type KubeManifest, releaseRevision } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { readChartArchiveBlob } from "../charts/chart-archive-store";

/** The columns of a rollout (and its chart) that make up what a cluster runs. */
export interface ReleaseSpecSource {
  id: string;
  releaseName: string;
  targetNamespace: string;
  createNamespace: boolean;
  valuesContent: string;
  valuesDigest: string;
  failurePolicy: string;
  helmTimeoutSeconds: number | null;
  chart: { name: string; version: string; archiveDigest: string; repository: { url: string } | null };
}

export interface ReleaseManifest {
  /** The HelmChart for a given retry attempt (0 for the first dispatch). */
  manifest(attempt: number): KubeManifest;
  specHash: string;
  chartName: string;
  chartVersion: string;
  valuesDigest: string;
}

export const releaseSpecSelect = {
  id: true,
  releaseName: true,
  targetNamespace: true,
  createNamespace: true,
  valuesContent: true,
  valuesDigest: true,
  failurePolicy: true,
  helmTimeoutSeconds: true,
  chart: { select: { name: true, version: true, archiveDigest: true, repository: { select: { url: true } } } },
} as const;

/**
 * The HelmChart a rollout puts on a cluster: an uploaded chart travels inside it as
 * chartContent (air-gapped sites need nothing else); a repository chart is named by repo and
 * version. The spec hash identifies this exact revision in the agent's reports.
 */
export async function buildReleaseManifest(ctx: Pick<ServerContext, "bundles">, r: ReleaseSpecSource): Promise<ReleaseManifest> {
  const input: HelmChartInput = {
    releaseName: r.releaseName,
    source: r.chart.repository
      ? { kind: "repo", repo: r.chart.repository.url, chart: r.chart.name }
      : { kind: "content", archiveBase64: (await readChartArchiveBlob(ctx, r.chart.archiveDigest)).toString("base64") },
    chartName: r.chart.name,
    chartVersion: r.chart.version,
    valuesContent: r.valuesContent,
    targetNamespace: r.targetNamespace,
    createNamespace: r.createNamespace,
    failurePolicy: r.failurePolicy === "abort" ? "abort" : "reinstall",
    helmTimeoutSeconds: r.helmTimeoutSeconds,
  };
  const specHash = createHash("sha256").update(canonicalJson(buildHelmChartSpec(input))).digest("hex");
  return {
    manifest: (attempt) => buildHelmChart(input, { revision: releaseRevision(specHash, attempt), rolloutId: r.id, valuesDigest: r.valuesDigest }),
    specHash,
    chartName: r.chart.name,
    chartVersion: r.chart.version,
    valuesDigest: r.valuesDigest,
  };
}
