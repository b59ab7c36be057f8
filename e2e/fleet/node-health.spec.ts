import { expect, test } from "@playwright/test";
import { startAgent, type AgentProcess } from "../../tests/support/agent";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../../tests/support/centre";
import { eventually } from "../../tests/support/eventually";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { startTestCluster, type TestCluster } from "../../tests/support/test-cluster";
import { signIn } from "../support/fleet-fixture";

// A real API server with kwok nodes behind a real agent (KubeDriver): no simulation here.
let cluster: TestCluster;
let db: TestDatabase;
let centre: Centre;
let agent: AgentProcess;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  [cluster, db] = await Promise.all([startTestCluster({ nodes: 2 }), createTestDatabase()]);
  centre = await startCentre({ databaseUrl: db.url });
  const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const site = await admin.createSite("warehouse-2");
  const { token } = await admin.createRegistrationToken(site.id, "warehouse-2-k3s");
  agent = startAgent({ server: centre.url, registrationToken: token, kubeconfig: cluster.kubeconfig });
  await eventually(() => admin.clusters(), (cs) => cs[0]?.status === "online" && cs[0].nodesReady === 2, "online with 2 ready nodes", 30_000);
});
test.afterAll(async () => {
  await agent?.stop();
  await centre?.stop();
  await Promise.all([cluster?.stop(), db?.drop()]);
});

test("a node going NotReady shows in an open browser within 5 s, and recovers", async ({ page }) => {
  await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
  await page.getByRole("link", { name: "warehouse-2-k3s", exact: true }).click();
  const nodeRow = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "edge-node-1", exact: true }) });
  await expect(nodeRow.getByText("Ready", { exact: true })).toBeVisible();

  await cluster.setNodeReady("edge-node-1", false);
  await expect(nodeRow.getByText("NotReady", { exact: true })).toBeVisible({ timeout: 5_000 });

  await cluster.setNodeReady("edge-node-1", true);
  await expect(nodeRow.getByText("Ready", { exact: true })).toBeVisible({ timeout: 5_000 });
});
