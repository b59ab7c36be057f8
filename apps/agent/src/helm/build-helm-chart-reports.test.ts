import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { canonicalJson, ZHelmChartReport } from "@outpost/cluster-core";
import { describe, expect, it } from "vitest";
import { buildHelmChartReports, type HelmChartObject, type JobObject, type PodObject, type SecretObject } from "./build-helm-chart-reports";

/** A release Secret's data as the API returns it: base64 of helm's base64 of gzipped JSON. */
function releaseData(release: unknown): string {
  return Buffer.from(gzipSync(Buffer.from(JSON.stringify(release))).toString("base64")).toString("base64");
}
const HASH = "A".repeat(64);

const chart: HelmChartObject = {
  metadata: {
    name: "shop",
    namespace: "kube-system",
    annotations: { "outpost.io/revision": "rev-1" },
    managedFields: [
      { manager: "helm-controller", operation: "Update", time: "2026-01-15T12:00:09Z" },
      { manager: "outpost", operation: "Apply", time: "2026-01-15T12:00:01Z" },
    ],
  },
  spec: { targetNamespace: "shop" },
  status: { jobName: "helm-install-shop", conditions: [{ type: "JobCreated", status: "True", reason: "Job created", message: "Applying HelmChart using Job kube-system/helm-install-shop" }] },
};
const job: JobObject = {
  metadata: { name: "helm-install-shop", namespace: "kube-system" },
  spec: { template: { metadata: { annotations: { "helmcharts.helm.cattle.io/configHash": `SHA256=${HASH}` } } } },
  status: { active: 1, conditions: [{ type: "Suspended", status: "False" }] },
};
const pod = (name: string, created: string, exitCode: number): PodObject => ({
  metadata: { name, namespace: "kube-system", creationTimestamp: created, labels: { "batch.kubernetes.io/job-name": "helm-install-shop" }, annotations: { "helmcharts.helm.cattle.io/configHash": `SHA256=${HASH}` } },
  status: {
    phase: "Running",
    containerStatuses: [{ name: "helm", restartCount: 2, lastState: { terminated: { exitCode, reason: "Error", message: "Installing helm chart\n", finishedAt: "2026-01-15T12:00:07Z" } } }],
  },
});
const secret = (version: number, status: string, config: unknown): SecretObject => ({
  metadata: { name: `sh.helm.release.v1.shop.v${version}`, namespace: "shop", labels: { owner: "helm", name: "shop", version: String(version), status, "helmcharts.helm.cattle.io/configHash": HASH.slice(0, 63) } },
  data: { release: releaseData({ name: "shop", version, info: { status }, chart: { metadata: { name: "shop", version: `1.${version}.0` } }, config }) },
});

describe("buildHelmChartReports", () => {
  it("reports the revision, Outpost's apply time, the install Job, its newest pod and the latest release", () => {
    const [report] = buildHelmChartReports({
      charts: [chart],
      jobs: [job],
      pods: [pod("helm-install-shop-old", "2026-01-15T11:00:00Z", 1), pod("helm-install-shop-new", "2026-01-15T12:00:02Z", 1)],
      releaseSecrets: [secret(1, "superseded", { replicas: 1 }), secret(2, "deployed", { replicas: 2, image: { tag: "x" } })],
      logTail: (p) => (p.metadata?.name === "helm-install-shop-new" ? "Error: INSTALLATION FAILED: boom\n" : null),
    });
    expect(ZHelmChartReport.parse(report)).toEqual({
      namespace: "kube-system",
      name: "shop",
      revision: "rev-1",
      appliedAt: "2026-01-15T12:00:01.000Z",
      deleting: false,
      conditions: [{ type: "JobCreated", status: "True", reason: "Job created", message: "Applying HelmChart using Job kube-system/helm-install-shop" }],
      job: { name: "helm-install-shop", configHash: HASH.slice(0, 63), active: 1, complete: false, failed: null },
      pod: {
        name: "helm-install-shop-new",
        createdAt: "2026-01-15T12:00:02.000Z",
        configHash: HASH.slice(0, 63),
        phase: "Running",
        restartCount: 2,
        lastTermination: { exitCode: 1, reason: "Error", message: "Installing helm chart\n", finishedAt: "2026-01-15T12:00:07.000Z" },
        logTail: "Error: INSTALLATION FAILED: boom\n",
      },
      release: {
        revision: 2,
        status: "deployed",
        configHash: HASH.slice(0, 63),
        chartName: "shop",
        chartVersion: "1.2.0",
        valuesDigest: createHash("sha256").update(canonicalJson({ image: { tag: "x" }, replicas: 2 })).digest("hex"),
      },
    });
  });

  it("reports no Job, pod or release before helm-controller made them, and a deleting chart's uninstall Job name", () => {
    const [fresh] = buildHelmChartReports({ charts: [{ ...chart, status: {} }], jobs: [], pods: [], releaseSecrets: [], logTail: () => null });
    expect(fresh).toMatchObject({ job: null, pod: null, release: null, deleting: false });
    const deleting = { ...chart, metadata: { ...chart.metadata, deletionTimestamp: "2026-01-15T13:00:00Z" }, status: {} };
    const [gone] = buildHelmChartReports({ charts: [deleting], jobs: [{ ...job, metadata: { name: "helm-delete-shop", namespace: "kube-system" } }], pods: [], releaseSecrets: [], logTail: () => null });
    expect(gone).toMatchObject({ deleting: true, job: { name: "helm-delete-shop" } });
  });
});
