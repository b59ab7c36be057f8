import type { HelmChartReport } from "../schemas/helm-report";
import type { WorkloadInfo } from "../schemas/snapshot";

/** What a cluster should be running for one release, as the centre dispatched it. */
export interface ExpectedRelease {
  /** The HelmChart object (its name is the helm release name). */
  namespace: string;
  name: string;
  /** The HelmChart must be gone (a rollback to before the release existed). */
  remove: boolean;
  /** releaseRevision(): spec hash and retry attempt. */
  revision: string;
  chartName: string;
  chartVersion: string;
  valuesDigest: string;
}

export interface ReleaseHealth {
  phase: "applying" | "healthy" | "failed";
  detail: string;
}

/**
 * Health of one release on one cluster, from the agent's latest report. Healthy only when helm's
 * latest release is deployed with exactly the expected chart version and values and every
 * workload of the release is Ready; failed when the install Job's pod for this revision ended
 * in error (with klipper-helm's termination message and the end of its log), when
 * helm-controller marks the chart Failed, or when `timeoutMs` passed since dispatch.
 */
export function evaluateReleaseHealth(input: {
  expected: ExpectedRelease;
  /** undefined: the agent does not report HelmCharts at all. */
  charts: readonly HelmChartReport[] | undefined;
  workloads: readonly WorkloadInfo[];
  dispatchedAt: number;
  now: number;
  timeoutMs: number;
}): ReleaseHealth {
  const { expected, charts, now, timeoutMs } = input;
  const late = now - input.dispatchedAt > timeoutMs;
  const waiting = (detail: string): ReleaseHealth =>
    late ? { phase: "failed", detail: `not healthy after ${formatSeconds(timeoutMs)}: ${detail}` } : { phase: "applying", detail };

  if (charts === undefined) return waiting("the agent does not report HelmCharts (it needs an update)");
  const chart = charts.find((c) => c.namespace === expected.namespace && c.name === expected.name);
  if (expected.remove) {
    if (!chart) return { phase: "healthy", detail: "release removed" };
    return waiting(chart.deleting ? "helm-controller is uninstalling the release" : "the HelmChart is still on the cluster");
  }
  if (!chart) return waiting("the HelmChart is not on the cluster yet");
  if (chart.revision !== expected.revision) return waiting("the cluster has not applied this revision of the HelmChart yet");

  const release = chart.release;
  const installed =
    release !== null &&
    release.status === "deployed" &&
    release.chartName === expected.chartName &&
    release.chartVersion === expected.chartVersion &&
    release.valuesDigest === expected.valuesDigest;
  if (installed) {
    const mine = input.workloads.filter((w) => w.helmRelease === expected.name);
    const notReady = mine.filter((w) => w.ready < w.desired);
    if (notReady.length === 0) {
      return { phase: "healthy", detail: `${expected.chartName} ${expected.chartVersion} deployed (revision ${release.revision}); ${mine.length} workload${mine.length === 1 ? "" : "s"} Ready` };
    }
    return waiting(`waiting for workloads: ${notReady.slice(0, 3).map(describeWorkload).join("; ")}${notReady.length > 3 ? ` and ${notReady.length - 3} more` : ""}`);
  }

  const failure = installFailure(chart);
  if (failure) return { phase: "failed", detail: failure };
  if (release && release.configHash === chart.job?.configHash && release.status !== "deployed") {
    return waiting(`helm release is ${release.status}`);
  }
  if (chart.job?.active) return waiting(`install Job ${chart.job.name} is running`);
  return waiting("waiting for helm-controller to run the install Job");
}

/** Why the install of the HelmChart's current revision failed, or null. */
function installFailure(chart: HelmChartReport): string | null {
  const failedCondition = chart.conditions.find((c) => c.type === "Failed" && c.status === "True");
  if (failedCondition) return `helm-controller: ${failedCondition.reason}${failedCondition.message ? `: ${failedCondition.message}` : ""}`;
  if (chart.job?.failed) return `install Job ${chart.job.name} failed: ${chart.job.failed}`;
  const pod = chart.pod;
  const end = pod?.lastTermination;
  if (!pod || !end || end.exitCode === 0 || !chart.job || pod.configHash !== chart.job.configHash) return null;
  // An attempt that ended before Outpost's last change (a new revision or a retry) is history.
  if (chart.appliedAt && Date.parse(end.finishedAt ?? pod.createdAt) < Date.parse(chart.appliedAt)) return null;
  const parts = [`install Job ${chart.job.name} failed (exit code ${end.exitCode})`];
  const message = end.message.trim();
  if (message) parts.push(message.split("\n").slice(-5).join(" / "));
  const log = pod.logTail?.trim();
  if (log) parts.push(`log: ${log.split("\n").slice(-5).join(" / ")}`);
  return parts.join(": ");
}

function describeWorkload(w: WorkloadInfo): string {
  return `${w.kind} ${w.namespace}/${w.name} ${w.ready}/${w.desired} Ready${w.problem ? ` (${w.problem})` : ""}`;
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}
