import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterDetail } from "@outpost/cluster-core";
import { eventually } from "../support/eventually";
import { ONLINE_CLUSTER_TIMEOUT_MS, startOnlineCluster, type OnlineCluster } from "../support/online-cluster";

/** Changes made with kubectl on a real API server reach the centre through a real agent. */
describe("KubeDriver against a real Kubernetes API server", () => {
  let oc: OnlineCluster;

  beforeAll(async () => {
    oc = await startOnlineCluster({ name: "plant-3", nodes: 2 });
  }, ONLINE_CLUSTER_TIMEOUT_MS);
  afterAll(() => oc?.stop());

  const detail = () => oc.admin.cluster(oc.clusterId);
  /** Waits for the centre to show a change, and returns how long it took. */
  async function within5s(what: string, accept: (d: ClusterDetail) => boolean): Promise<number> {
    const t0 = Date.now();
    await eventually(detail, accept, what, 5_000);
    return Date.now() - t0;
  }

  it("reports nodes with roles, versions, capacity and readiness", async () => {
    const d = await detail();
    expect(d.simulated).toBe(false);
    expect(d.k3sVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(d.nodes.map((n) => n.name).sort()).toEqual(oc.cluster.nodes);
    const server = d.nodes.find((n) => n.name === "edge-node-0")!;
    expect(server.roles).toContain("control-plane");
    expect(server.ready).toBe(true);
    expect(server.kubeletVersion).toMatch(/\+k3s1$/);
    expect(server.cpu).not.toBe("");
    expect(d.workloads.every((w) => w.namespace && w.name)).toBe(true);
  });

  it("shows a new and a scaled Deployment within 5 s", async () => {
    const created = await oc.cluster.kubectlRun(["create", "deployment", "web", "--image=registry.local/web:1", "--replicas=2"]);
    expect(created.code, created.stderr).toBe(0);
    const ms1 = await within5s("deployment web 2/2", (d) => d.workloads.some((w) => w.name === "web" && w.desired === 2 && w.ready === 2));
    const scaled = await oc.cluster.kubectlRun(["scale", "deployment/web", "--replicas=5"]);
    expect(scaled.code, scaled.stderr).toBe(0);
    const ms2 = await within5s("deployment web desired 5", (d) => d.workloads.some((w) => w.name === "web" && w.desired === 5));
    console.log(`[kube-driver] deployment visible after ${ms1} ms, scale after ${ms2} ms`);
  });

  it("shows a node going NotReady and Ready again within 5 s", async () => {
    await oc.cluster.setNodeReady("edge-node-1", false);
    await within5s("edge-node-1 NotReady", (d) => d.nodesReady === 1 && d.nodes.find((n) => n.name === "edge-node-1")?.ready === false);
    await oc.cluster.setNodeReady("edge-node-1", true);
    await within5s("edge-node-1 Ready", (d) => d.nodesReady === 2);
  });

  it("shows a new Warning event within 5 s", async () => {
    const event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web.disk-pressure-test", namespace: "default" },
      involvedObject: { kind: "Deployment", name: "web", namespace: "default" },
      type: "Warning",
      reason: "OutpostTestWarning",
      message: "disk almost full on the till",
      count: 1,
      firstTimestamp: new Date().toISOString(),
      lastTimestamp: new Date().toISOString(),
      source: { component: "integration-test" },
    };
    const res = await oc.cluster.kubectlRun(["create", "-f", "-"], { input: JSON.stringify(event) });
    expect(res.code, res.stderr).toBe(0);
    await within5s("warning event", (d) => d.events.some((e) => e.reason === "OutpostTestWarning" && e.type === "Warning" && e.message.includes("disk almost full")));
  });
});
