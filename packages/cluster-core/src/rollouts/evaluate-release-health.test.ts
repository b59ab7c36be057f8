import { describe, expect, it } from "vitest";
import type { HelmChartReport } from "../schemas/helm-report";
import type { WorkloadInfo } from "../schemas/snapshot";
import { evaluateReleaseHealth, type ExpectedRelease } from "./evaluate-release-health";

const expected: ExpectedRelease = {
  namespace: "kube-system",
  name: "shop",
  remove: false,
  revision: "spec-2",
  chartName: "shop",
  chartVersion: "1.2.0",
  valuesDigest: "digest-2",
};
const T0 = Date.parse("2026-01-15T12:00:00Z");

function report(patch: Partial<HelmChartReport> = {}): HelmChartReport {
  return {
    namespace: "kube-system",
    name: "shop",
    revision: "spec-2",
    appliedAt: "2026-01-15T12:00:01Z",
    deleting: false,
    conditions: [],
    job: { name: "helm-install-shop", configHash: "H2", active: 0, complete: true, failed: null },
    pod: null,
    release: { revision: 2, status: "deployed", configHash: "H2", chartName: "shop", chartVersion: "1.2.0", valuesDigest: "digest-2" },
    ...patch,
  };
}
const web = (ready: number, patch: Partial<WorkloadInfo> = {}): WorkloadInfo => ({ namespace: "shop", name: "web", kind: "Deployment", desired: 2, ready, helmRelease: "shop", ...patch });
const evaluate = (charts: HelmChartReport[] | undefined, workloads: WorkloadInfo[] = [web(2)], now = T0 + 30_000, exp = expected) =>
  evaluateReleaseHealth({ expected: exp, charts, workloads, dispatchedAt: T0, now, timeoutMs: 600_000 });

describe("evaluateReleaseHealth", () => {
  it("is healthy when the deployed release has the expected version and values and its workloads are Ready", () => {
    expect(evaluate([report()])).toEqual({ phase: "healthy", detail: "shop 1.2.0 deployed (revision 2); 1 workload Ready" });
  });

  it("ignores workloads of other releases", () => {
    expect(evaluate([report()], [web(2), web(0, { name: "other", helmRelease: "other" }), web(0, { name: "plain", helmRelease: undefined })]).phase).toBe("healthy");
  });

  it("keeps applying while the release's workloads are not Ready, naming them", () => {
    expect(evaluate([report()], [web(1, { problem: "ReplicaSet has timed out progressing" })])).toEqual({
      phase: "applying",
      detail: "waiting for workloads: Deployment shop/web 1/2 Ready (ReplicaSet has timed out progressing)",
    });
  });

  it("fails when the workloads are not Ready within the timeout", () => {
    const h = evaluate([report()], [web(0)], T0 + 600_001);
    expect(h.phase).toBe("failed");
    expect(h.detail).toBe("not healthy after 10 min: waiting for workloads: Deployment shop/web 0/2 Ready");
  });

  it("does not take the previous release for this one: another version, other values or a non-deployed status keep it applying", () => {
    const old = { revision: 1, status: "deployed", configHash: "H1", chartName: "shop", chartVersion: "1.1.0", valuesDigest: "digest-2" };
    expect(evaluate([report({ release: old })]).phase).toBe("applying");
    expect(evaluate([report({ release: { ...old, chartVersion: "1.2.0", valuesDigest: "digest-1" } })]).phase).toBe("applying");
    expect(evaluate([report({ release: { ...old, chartVersion: "1.2.0", status: "pending-upgrade" } })]).phase).toBe("applying");
    expect(evaluate([report({ release: null, job: { name: "helm-install-shop", configHash: "H2", active: 1, complete: false, failed: null } })]).detail).toBe(
      "install Job helm-install-shop is running",
    );
  });

  it("waits while the cluster still has an older revision of the HelmChart or none", () => {
    expect(evaluate([report({ revision: "spec-1" })]).detail).toBe("the cluster has not applied this revision of the HelmChart yet");
    expect(evaluate([]).detail).toBe("the HelmChart is not on the cluster yet");
    expect(evaluate(undefined).detail).toMatch(/does not report HelmCharts/);
  });

  it("fails with klipper-helm's termination message and helm's log when the install pod of this revision ends in error", () => {
    const h = evaluate([
      report({
        release: null,
        job: { name: "helm-install-shop", configHash: "H2", active: 1, complete: false, failed: null },
        pod: {
          name: "helm-install-shop-x7",
          createdAt: "2026-01-15T12:00:02Z",
          configHash: "H2",
          phase: "Running",
          restartCount: 1,
          lastTermination: { exitCode: 1, reason: "Error", message: "Installing helm chart\n", finishedAt: "2026-01-15T12:00:05Z" },
          logTail: "+ helm install shop /tmp/shop.tgz\nError: INSTALLATION FAILED: template: shop/templates/fail.yaml:1:3: boom\n",
        },
      }),
    ]);
    expect(h).toEqual({
      phase: "failed",
      detail:
        "install Job helm-install-shop failed (exit code 1): Installing helm chart: log: + helm install shop /tmp/shop.tgz / Error: INSTALLATION FAILED: template: shop/templates/fail.yaml:1:3: boom",
    });
  });

  it("does not blame this revision for an attempt that ended before Outpost last changed the HelmChart, or for another Job template", () => {
    const failing = {
      name: "p",
      createdAt: "2026-01-15T11:59:00Z",
      configHash: "H1",
      phase: "Running",
      restartCount: 3,
      lastTermination: { exitCode: 1, reason: "Error", message: "x", finishedAt: "2026-01-15T11:59:30Z" },
      logTail: null,
    };
    const job = { name: "helm-install-shop", configHash: "H1", active: 1, complete: false, failed: null };
    expect(evaluate([report({ release: null, job, pod: failing })]).phase).toBe("applying");
    expect(evaluate([report({ release: null, job: { ...job, configHash: "H2" }, pod: { ...failing, createdAt: "2026-01-15T12:00:03Z" } })]).phase).toBe("applying");
    // The same crash-looping pod failing again after a retry (a later finishedAt) counts.
    expect(evaluate([report({ release: null, job, pod: { ...failing, lastTermination: { ...failing.lastTermination, finishedAt: "2026-01-15T12:00:09Z" } } })]).phase).toBe("failed");
  });

  it("fails when helm-controller marks the chart Failed", () => {
    const conditions = [{ type: "Failed", status: "True", reason: "Job failed", message: "Job has reached configured number of retries without succeeding" }];
    expect(evaluate([report({ release: null, conditions })]).detail).toBe("helm-controller: Job failed: Job has reached configured number of retries without succeeding");
  });

  it("for a removal, is healthy once the HelmChart is gone and applying while helm-controller uninstalls", () => {
    const removal = { ...expected, remove: true };
    expect(evaluate([], [], T0, removal)).toEqual({ phase: "healthy", detail: "release removed" });
    expect(evaluate([report({ deleting: true })], [], T0, removal).detail).toBe("helm-controller is uninstalling the release");
    expect(evaluate([report()], [], T0 + 600_001, removal).phase).toBe("failed");
  });
});
