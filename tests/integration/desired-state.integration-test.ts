import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DesiredStateView } from "@outpost/cluster-core";
import { eventually } from "../support/eventually";
import { ONLINE_CLUSTER_TIMEOUT_MS, startOnlineCluster, type OnlineCluster } from "../support/online-cluster";

/** Desired state is cached on the device and reconciled against a real API server, link or not. */
describe("desired state and offline reconciliation", () => {
  let oc: OnlineCluster;

  const configMap = (value: string) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "till-settings", namespace: "default" },
    data: { currency: value },
  });
  const liveValue = async () => (await oc.cluster.kubectlRun(["get", "configmap", "till-settings", "-o", "jsonpath={.data.currency}"])).stdout;

  beforeAll(async () => {
    oc = await startOnlineCluster({ name: "bakery-4", nodes: 1, agent: { env: { OUTPOST_RECONCILE_INTERVAL_MS: "1000" } } });
  }, ONLINE_CLUSTER_TIMEOUT_MS);
  afterAll(() => oc?.stop());

  it("applies a new generation with server-side apply and reports it applied", async () => {
    // The cluster starts with Outpost's own RBAC bindings (source "access") as its first generation.
    const before = await oc.admin.ok<DesiredStateView>("GET", `/api/v1/clusters/${oc.clusterId}/desired-state`);
    const set = await oc.admin.ok<DesiredStateView>("PUT", `/api/v1/clusters/${oc.clusterId}/desired-state`, { manifests: [configMap("EUR")] });
    expect(set.generation).toBe(before.generation + 1);
    await eventually(liveValue, (v) => v === "EUR", "ConfigMap applied on the cluster");
    const managers = (await oc.cluster.kubectlRun(["get", "configmap", "till-settings", "-o", "jsonpath={.metadata.managedFields[*].manager}"])).stdout;
    expect(managers).toContain("outpost");
    await eventually(() => oc.admin.ok<DesiredStateView>("GET", `/api/v1/clusters/${oc.clusterId}/desired-state`), (d) => d.appliedGeneration === set.generation, "the new generation applied");
  });

  it("deletes from the cluster an object that a new generation no longer lists, and labels what it applies", async () => {
    const extra = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "till-extra", namespace: "default" }, data: { a: "1" } };
    const two = await oc.admin.ok<DesiredStateView>("PUT", `/api/v1/clusters/${oc.clusterId}/desired-state`, { manifests: [configMap("EUR"), extra] });
    const extraLive = () => oc.cluster.kubectlRun(["get", "configmap", "till-extra", "-o", "jsonpath={.metadata.labels.app\\.kubernetes\\.io/managed-by}/{.metadata.annotations.outpost\\.io/source}"]);
    await eventually(extraLive, (r) => r.code === 0 && r.stdout === "outpost/operator", "second ConfigMap applied, labelled and annotated");
    const one = await oc.admin.ok<DesiredStateView>("PUT", `/api/v1/clusters/${oc.clusterId}/desired-state`, { manifests: [configMap("EUR")] });
    expect(one.generation).toBe(two.generation + 1);
    await eventually(extraLive, (r) => r.code !== 0 && /NotFound|not found/.test(r.stderr), "the unlisted ConfigMap deleted");
    expect(await liveValue()).toBe("EUR");
    await eventually(() => oc.admin.ok<DesiredStateView>("GET", `/api/v1/clusters/${oc.clusterId}/desired-state`), (d) => d.appliedGeneration === one.generation, "new generation applied");
  });

  it("keeps reconciling while the centre is unreachable, and reports the drift afterwards", async () => {
    await oc.centre.stop();
    // Someone changes and then deletes the object on site while the link is down.
    expect((await oc.cluster.kubectlRun(["patch", "configmap", "till-settings", "-p", '{"data":{"currency":"USD"}}'])).code).toBe(0);
    await eventually(liveValue, (v) => v === "EUR", "put back while offline", 10_000);
    expect((await oc.cluster.kubectlRun(["delete", "configmap", "till-settings"])).code).toBe(0);
    await eventually(liveValue, (v) => v === "EUR", "recreated while offline", 10_000);

    await oc.restartCentre();
    const detail = await eventually(
      () => oc.admin.cluster(oc.clusterId),
      (d) => d.status === "online" && d.changes.filter((c) => c.type === "DRIFT" && c.name === "till-settings").length >= 2,
      "drift reports delivered after the link returns",
      30_000,
    );
    const drift = detail.changes.filter((c) => c.type === "DRIFT");
    expect(drift.every((c) => c.kind === "ConfigMap" && c.namespace === "default")).toBe(true);
    expect(new Date(drift[0]!.observedAt).getTime()).toBeLessThan(new Date(drift[0]!.receivedAt).getTime());
  });

  it("refuses bad desired state and non-operators, changing nothing", async () => {
    const before = await oc.admin.ok<DesiredStateView>("GET", `/api/v1/clusters/${oc.clusterId}/desired-state`);
    for (const body of [{ manifests: [{ kind: "ConfigMap" }] }, { manifests: [{ ...configMap("X"), metadata: { name: "Bad Name" } }] }, { manifests: "all" }, {}]) {
      expect((await oc.admin.call("PUT", `/api/v1/clusters/${oc.clusterId}/desired-state`, body)).status).toBe(422);
    }
    const viewer = await oc.signInAs("viewer", "val");
    expect((await viewer.call("PUT", `/api/v1/clusters/${oc.clusterId}/desired-state`, { manifests: [configMap("GBP")] })).status).toBe(403);
    expect(await oc.admin.ok("GET", `/api/v1/clusters/${oc.clusterId}/desired-state`)).toEqual(before);
    expect(await liveValue()).toBe("EUR");
  });
});
