import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD } from "../../tests/support/centre";
import { ONLINE_CLUSTER_TIMEOUT_MS, startOnlineCluster, type OnlineCluster } from "../../tests/support/online-cluster";
import { signIn } from "../support/fleet-fixture";

// A real API server with kwok nodes behind a real agent (KubeDriver): no simulation here.
let oc: OnlineCluster;

test.beforeAll(async () => {
  test.setTimeout(ONLINE_CLUSTER_TIMEOUT_MS);
  oc = await startOnlineCluster({ name: "warehouse-2", nodes: 2 });
});
test.afterAll(async () => {
  await oc?.stop();
});

test("a node going NotReady shows in an open browser within 5 s, and recovers", async ({ page }) => {
  await signIn(page, oc.centre.url, "admin", ADMIN_PASSWORD);
  await page.getByRole("link", { name: "warehouse-2-k3s", exact: true }).click();
  const nodeRow = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "edge-node-1", exact: true }) });
  await expect(nodeRow.getByText("Ready", { exact: true })).toBeVisible();

  await oc.cluster.setNodeReady("edge-node-1", false);
  await expect(nodeRow.getByText("NotReady", { exact: true })).toBeVisible({ timeout: 5_000 });

  await oc.cluster.setNodeReady("edge-node-1", true);
  await expect(nodeRow.getByText("Ready", { exact: true })).toBeVisible({ timeout: 5_000 });
});
