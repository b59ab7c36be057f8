import { describe, expect, it } from "vitest";
import { buildHelmChart, buildHelmChartSpec, type HelmChartInput } from "./build-helm-chart";
import { canonicalJson } from "./canonical-json";

const base: HelmChartInput = {
  releaseName: "shop",
  source: { kind: "repo", repo: "http://127.0.0.1:8879/charts", chart: "shop" },
  chartName: "shop",
  chartVersion: "1.2.0",
  valuesContent: "replicaCount: 2\n",
  targetNamespace: "shop",
  createNamespace: true,
  failurePolicy: "abort",
  helmTimeoutSeconds: 120,
};

describe("buildHelmChart", () => {
  it("builds a repo chart with repo, chart and version, values, namespace, failure policy and timeout", () => {
    expect(buildHelmChartSpec(base)).toEqual({
      repo: "http://127.0.0.1:8879/charts",
      chart: "shop",
      version: "1.2.0",
      targetNamespace: "shop",
      createNamespace: true,
      failurePolicy: "abort",
      valuesContent: "replicaCount: 2\n",
      timeout: "120s",
    });
  });

  it("carries an uploaded chart as chartContent, without repo or version, and leaves out empty values and the timeout", () => {
    const spec = buildHelmChartSpec({ ...base, source: { kind: "content", archiveBase64: "H4sI" }, valuesContent: "  \n", helmTimeoutSeconds: null });
    expect(spec).toEqual({ chartContent: "H4sI", targetNamespace: "shop", createNamespace: true, failurePolicy: "abort" });
  });

  it("puts the HelmChart in kube-system under the release name, annotated with what the agent reports back", () => {
    const m = buildHelmChart(base, { revision: "abc", rolloutId: "r1", valuesDigest: "d1" });
    expect(m).toMatchObject({ apiVersion: "helm.cattle.io/v1", kind: "HelmChart", metadata: { name: "shop", namespace: "kube-system" } });
    expect(m.metadata.annotations).toEqual({
      "outpost.io/revision": "abc",
      "outpost.io/rollout": "r1",
      "outpost.io/chart-name": "shop",
      "outpost.io/chart-version": "1.2.0",
      "outpost.io/values-digest": "d1",
    });
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level and treats no values as an empty object", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(null)).toBe("{}");
    expect(canonicalJson(undefined)).toBe("{}");
  });
});
