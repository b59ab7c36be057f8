import { createHash } from "node:crypto";
import { canonicalJson, HELM_CHART_ANNOTATIONS, type HelmChartReport, type HelmJobPodReport, type HelmReleaseReport, SNAPSHOT_LIMITS } from "@outpost/cluster-core";
import { decodeHelmRelease } from "./decode-helm-release";

/** The parts of the listed objects the report reads (helm.cattle.io/v1 HelmChart, batch/v1 Job, core/v1 Pod and Secret). */
interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string | Date;
  deletionTimestamp?: string | Date;
  resourceVersion?: string;
  managedFields?: Array<{ manager?: string; operation?: string; time?: string | Date }>;
}
interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}
export interface HelmChartObject {
  metadata?: Meta;
  spec?: { targetNamespace?: string };
  status?: { jobName?: string; conditions?: Condition[] };
}
export interface JobObject {
  metadata?: Meta;
  spec?: { template?: { metadata?: Meta } };
  status?: { active?: number; conditions?: Condition[] };
}
interface Terminated {
  exitCode?: number;
  reason?: string;
  message?: string;
  finishedAt?: string | Date;
}
export interface PodObject {
  metadata?: Meta;
  status?: { phase?: string; containerStatuses?: Array<{ name?: string; restartCount?: number; state?: { terminated?: Terminated }; lastState?: { terminated?: Terminated } }> };
}
export interface SecretObject {
  metadata?: Meta;
  data?: Record<string, string>;
}

export const HELM_JOB_LABEL = "helmcharts.helm.cattle.io/chart";
const CONFIG_HASH = "helmcharts.helm.cattle.io/configHash";

/**
 * What the agent tells the centre about each HelmChart Outpost manages: its revision annotation,
 * when Outpost's apply last changed it, helm-controller's conditions, its install Job (and that
 * Job's newest pod: exit code, klipper-helm's termination message, the end of its log) and the
 * latest helm release of it (status, chart version, a digest of the values it was made with).
 * `logTail(pod)` gives the log end of a failed pod when the caller has it.
 */
export function buildHelmChartReports(input: {
  charts: HelmChartObject[];
  jobs: JobObject[];
  pods: PodObject[];
  releaseSecrets: SecretObject[];
  logTail: (pod: PodObject) => string | null;
  decode?: (secret: SecretObject) => ReleaseSummary | null;
}): HelmChartReport[] {
  const decode = input.decode ?? summarizeReleaseSecret;
  return input.charts.slice(0, SNAPSHOT_LIMITS.helmCharts).map((chart) => {
    const meta = chart.metadata ?? {};
    const namespace = meta.namespace ?? "kube-system";
    const name = meta.name ?? "";
    const deleting = meta.deletionTimestamp !== undefined;
    const jobName = chart.status?.jobName || `helm-${deleting ? "delete" : "install"}-${name}`;
    const job = input.jobs.find((j) => j.metadata?.namespace === namespace && j.metadata?.name === jobName);
    const pod = job ? newest(input.pods.filter((p) => p.metadata?.namespace === namespace && p.metadata?.labels?.["batch.kubernetes.io/job-name"] === jobName)) : undefined;
    const target = chart.spec?.targetNamespace || namespace;
    const secret = newestRevision(input.releaseSecrets.filter((s) => s.metadata?.namespace === target && s.metadata?.labels?.name === name));
    const applied = meta.managedFields?.filter((f) => f.manager === "outpost" && f.operation === "Apply").map((f) => time(f.time)).find((t) => t !== null);
    return {
      namespace: clip(namespace, 253),
      name: clip(name, 253),
      revision: clip(meta.annotations?.[HELM_CHART_ANNOTATIONS.revision] ?? "", 160),
      appliedAt: applied ?? null,
      deleting,
      conditions: (chart.status?.conditions ?? []).slice(0, 8).map((c) => ({ type: clip(c.type ?? "", 64), status: clip(c.status ?? "", 16), reason: clip(c.reason ?? "", 128), message: clip(c.message ?? "", 1024) })),
      job: job
        ? {
            name: clip(jobName, 253),
            configHash: configHash(job.spec?.template?.metadata?.annotations?.[CONFIG_HASH]),
            active: Math.max(0, job.status?.active ?? 0),
            complete: job.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True") ?? false,
            failed: clipOrNull(job.status?.conditions?.find((c) => c.type === "Failed" && c.status === "True")?.message ?? null, 1024),
          }
        : null,
      pod: pod ? podReport(pod, input.logTail) : null,
      release: secret ? releaseReport(secret, decode(secret)) : null,
    };
  });
}

export interface ReleaseSummary {
  chartName: string;
  chartVersion: string;
  valuesDigest: string;
}

/** Chart name, version and values digest from a release Secret (null when it cannot be read). */
export function summarizeReleaseSecret(secret: SecretObject): ReleaseSummary | null {
  const data = secret.data?.release;
  if (!data) return null;
  try {
    const release = decodeHelmRelease(data);
    return {
      chartName: release.chart?.metadata?.name ?? "",
      chartVersion: release.chart?.metadata?.version ?? "",
      valuesDigest: createHash("sha256").update(canonicalJson(release.config)).digest("hex"),
    };
  } catch {
    return null;
  }
}

function releaseReport(secret: SecretObject, summary: ReleaseSummary | null): HelmReleaseReport {
  const labels = secret.metadata?.labels ?? {};
  return {
    revision: Math.max(0, Number(labels.version) || 0),
    status: clip(labels.status ?? "", 32),
    configHash: clip(labels[CONFIG_HASH] ?? "", 100),
    chartName: clip(summary?.chartName ?? "", 253),
    chartVersion: clip(summary?.chartVersion ?? "", 128),
    valuesDigest: summary?.valuesDigest ?? "",
  };
}

function podReport(pod: PodObject, logTail: (pod: PodObject) => string | null): HelmJobPodReport {
  const container = pod.status?.containerStatuses?.[0];
  const end = container?.state?.terminated ?? container?.lastState?.terminated;
  return {
    name: clip(pod.metadata?.name ?? "", 253),
    createdAt: time(pod.metadata?.creationTimestamp) ?? new Date(0).toISOString(),
    configHash: configHash(pod.metadata?.annotations?.[CONFIG_HASH]),
    phase: clip(pod.status?.phase ?? "", 32),
    restartCount: Math.max(0, container?.restartCount ?? 0),
    lastTermination: end
      ? { exitCode: end.exitCode ?? 0, reason: clip(end.reason ?? "", 128), message: clipEnd(end.message ?? "", 4096), finishedAt: time(end.finishedAt) }
      : null,
    logTail: end && end.exitCode !== 0 ? clipOrNull(logTail(pod), 4096, true) : null,
  };
}

/** helm-controller's job annotation "SHA256=<hex>" as it labels releases: the hex, at most 63 characters. */
function configHash(annotation: string | undefined): string {
  if (!annotation) return "";
  const hex = annotation.includes("=") ? annotation.slice(annotation.indexOf("=") + 1) : annotation;
  return hex.slice(0, 63);
}

function newest<T extends { metadata?: Meta }>(items: T[]): T | undefined {
  return items.sort((a, b) => (time(b.metadata?.creationTimestamp) ?? "").localeCompare(time(a.metadata?.creationTimestamp) ?? ""))[0];
}

function newestRevision(secrets: SecretObject[]): SecretObject | undefined {
  return secrets.sort((a, b) => Number(b.metadata?.labels?.version ?? 0) - Number(a.metadata?.labels?.version ?? 0))[0];
}

function time(t: string | Date | undefined): string | null {
  if (t === undefined) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function clipEnd(text: string, max: number): string {
  return text.length > max ? `…${text.slice(text.length - max + 1)}` : text;
}

function clipOrNull(text: string | null, max: number, keepEnd = false): string | null {
  return text === null ? null : keepEnd ? clipEnd(text, max) : clip(text, max);
}
