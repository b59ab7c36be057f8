import type { BatchV1Api, CoreV1Api, CustomObjectsApi } from "@kubernetes/client-node";
import type { HelmChartReport } from "@outpost/cluster-core";
import type { Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import { buildHelmChartReports, HELM_JOB_LABEL, type HelmChartObject, type PodObject, type ReleaseSummary, type SecretObject, summarizeReleaseSecret } from "./build-helm-chart-reports";

const LOG_TAIL_LINES = 20;

/**
 * Lists what the HelmChart report needs from a real cluster. Release records are decoded once
 * per resourceVersion and a failed pod's log is read once per failure (the report is rebuilt
 * on every snapshot). A cluster without the HelmChart CRD reports no charts; a listing that
 * fails leaves the report out of this snapshot (the centre keeps waiting) rather than failing it.
 */
export class HelmReportReader {
  private readonly releases = new Map<string, ReleaseSummary | null>();
  private readonly logs = new Map<string, string | null>();

  constructor(
    private readonly custom: CustomObjectsApi,
    private readonly batch: BatchV1Api,
    private readonly core: CoreV1Api,
    private readonly log: Logger,
  ) {}

  async read(): Promise<HelmChartReport[] | undefined> {
    try {
      const charts = await this.custom
        .listClusterCustomObject({ group: "helm.cattle.io", version: "v1", plural: "helmcharts", labelSelector: "app.kubernetes.io/managed-by=outpost" })
        .then((l) => (l as { items: HelmChartObject[] }).items, (err: unknown) => (statusOf(err) === 404 ? [] : Promise.reject(err)));
      if (charts.length === 0) return [];
      const [jobs, pods, secrets] = await Promise.all([
        this.batch.listJobForAllNamespaces({ labelSelector: HELM_JOB_LABEL }),
        this.core.listPodForAllNamespaces({ labelSelector: HELM_JOB_LABEL }),
        this.core.listSecretForAllNamespaces({ labelSelector: "owner=helm" }),
      ]);
      const failing = pods.items.filter((p) => {
        const c = p.status?.containerStatuses?.[0];
        const end = c?.state?.terminated ?? c?.lastState?.terminated;
        return end !== undefined && end.exitCode !== 0;
      });
      for (const p of failing) await this.readLogTail(p as PodObject);
      return buildHelmChartReports({
        charts,
        jobs: jobs.items,
        pods: pods.items as PodObject[],
        releaseSecrets: secrets.items as SecretObject[],
        logTail: (p) => this.logs.get(logKey(p)) ?? null,
        decode: (s) => this.summary(s),
      });
    } catch (err) {
      this.log.warn({ reason: describeError(err) }, "cannot read HelmCharts for the report");
      return undefined;
    }
  }

  private summary(secret: SecretObject): ReleaseSummary | null {
    const key = `${secret.metadata?.namespace}/${secret.metadata?.name}@${secret.metadata?.resourceVersion}`;
    if (!this.releases.has(key)) {
      if (this.releases.size > 500) this.releases.clear();
      this.releases.set(key, summarizeReleaseSecret(secret));
    }
    return this.releases.get(key) ?? null;
  }

  /** The end of the failed attempt's log: the previous container's when it has restarted since. */
  private async readLogTail(pod: PodObject): Promise<void> {
    const key = logKey(pod);
    if (this.logs.has(key)) return;
    if (this.logs.size > 200) this.logs.clear();
    const c = pod.status?.containerStatuses?.[0];
    try {
      const text = await this.core.readNamespacedPodLog({
        name: pod.metadata?.name ?? "",
        namespace: pod.metadata?.namespace ?? "",
        container: c?.name,
        tailLines: LOG_TAIL_LINES,
        limitBytes: 16 * 1024,
        previous: c?.state?.terminated === undefined,
      });
      this.logs.set(key, text);
    } catch {
      // Not cached: the kubelet may not serve this attempt's log yet; the next report asks again.
    }
  }
}

function logKey(pod: PodObject): string {
  return `${pod.metadata?.namespace}/${pod.metadata?.name}#${pod.status?.containerStatuses?.[0]?.restartCount ?? 0}`;
}

function statusOf(err: unknown): number | undefined {
  return typeof err === "object" && err !== null && "code" in err && typeof err.code === "number" ? err.code : undefined;
}
