import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD } from "../../tests/support/centre";
import { signIn, startSimulatedFleet, type SimulatedFleet } from "../support/fleet-fixture";

let fleet: SimulatedFleet;

test.beforeAll(async () => {
  fleet = await startSimulatedFleet(["store-berlin", "factory-lyon", "train-ice-42"]);
});
test.afterAll(async () => {
  await fleet?.stop();
});

test("the fleet page follows agents going away and coming back, live", async ({ page }) => {
  await signIn(page, fleet.centre.url, "admin", ADMIN_PASSWORD);
  const rows = page.locator("tbody tr");
  const row = (cluster: string) => rows.filter({ has: page.getByRole("link", { name: cluster, exact: true }) });

  // Three simulated clusters, online, marked as simulated.
  await expect(page.locator('tr[data-status="online"]')).toHaveCount(3);
  for (const cluster of ["store-berlin-k3s", "factory-lyon-k3s", "train-ice-42-k3s"]) {
    await expect(row(cluster).getByText("Online")).toBeVisible();
    await expect(row(cluster).getByText("Simulated")).toBeVisible();
  }

  // An agent dies: its cluster shows offline within 10 s, without a reload.
  await fleet.killAgent("factory-lyon-k3s");
  await expect(row("factory-lyon-k3s").getByText(/Offline since/)).toBeVisible({ timeout: 10_000 });
  await expect(row("factory-lyon-k3s")).toHaveAttribute("data-status", "offline");
  await expect(page.locator('tr[data-status="online"]')).toHaveCount(2);

  // It comes back: online again, still without a reload.
  fleet.restartAgent("factory-lyon-k3s");
  await expect(row("factory-lyon-k3s").getByText("Online")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('tr[data-status="online"]')).toHaveCount(3);
});

test("the cluster page shows nodes, workloads and the offline state", async ({ page }) => {
  await signIn(page, fleet.centre.url, "admin", ADMIN_PASSWORD);
  await page.getByRole("link", { name: "store-berlin-k3s", exact: true }).click();
  await expect(page.getByRole("heading", { name: "store-berlin-k3s" })).toBeVisible();
  const detail = await fleet.admin.cluster((await fleet.admin.clusters()).find((c) => c.name === "store-berlin-k3s")!.id);
  for (const node of detail.nodes) await expect(page.getByRole("cell", { name: node.name, exact: true })).toBeVisible();

  await fleet.killAgent("store-berlin-k3s");
  await expect(page.getByText(/Offline since/).first()).toBeVisible({ timeout: 10_000 });
  fleet.restartAgent("store-berlin-k3s");
  await expect(page.getByText("Online").first()).toBeVisible({ timeout: 15_000 });
});
