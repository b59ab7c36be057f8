import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_BIN } from "../support/paths";
import { ONLINE_CLUSTER_TIMEOUT_MS, startOnlineCluster, type OnlineCluster } from "../support/online-cluster";

/**
 * The README promises the agent is one file for Node 20: copy it to a device and run it. So this
 * copies only outpost-agent.mjs into an empty directory and runs it there, from that directory,
 * in --kubeconfig mode (the Kubernetes client is loaded lazily, from inside the same file).
 */
describe("the agent as a single file", () => {
  const deviceDir = mkdtempSync(join(tmpdir(), "outpost-device-"));
  const bin = join(deviceDir, "outpost-agent.mjs");
  let oc: OnlineCluster;

  beforeAll(async () => {
    copyFileSync(AGENT_BIN, bin);
    // Nothing for Node to resolve packages from, from the copy up to the root.
    for (let dir = deviceDir; ; dir = dirname(dir)) {
      if (existsSync(join(dir, "node_modules"))) throw new Error(`${dir}/node_modules exists: the copy would not be alone`);
      if (dirname(dir) === dir) break;
    }
    oc = await startOnlineCluster({ name: "copied-agent", nodes: 2, agent: { bin, cwd: deviceDir } });
  }, ONLINE_CLUSTER_TIMEOUT_MS);
  afterAll(async () => {
    await oc?.stop();
    rmSync(deviceDir, { recursive: true, force: true });
  });

  it("runs alone from an empty directory in --kubeconfig mode: reports the real nodes and serves the kube API through the tunnel", async () => {
    expect(readdirSync(deviceDir)).toEqual(["outpost-agent.mjs"]);
    expect(oc.agent.child.spawnargs).toContain(bin);

    // The KubeDriver works: the centre lists the test cluster's own nodes.
    const detail = await oc.admin.cluster(oc.clusterId);
    expect(detail.simulated).toBe(false);
    expect(detail.nodes.map((n) => n.name).sort()).toEqual(oc.cluster.nodes);

    // The tunnel's local API client works: a kube API request through the centre reaches the API server.
    const { token } = await oc.admin.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "single-file" });
    const res = await fetch(`${oc.centre.url}/k8s/clusters/${oc.clusterId}/api/v1/nodes`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const nodes = (await res.json()) as { items: { metadata: { name: string } }[] };
    expect(nodes.items.map((n) => n.metadata.name).sort()).toEqual(oc.cluster.nodes);
    expect(oc.agent.output()).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
  });
});
