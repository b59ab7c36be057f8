import { expect, test } from "@playwright/test";
import type { RolloutDetail } from "@outpost/cluster-core";
import { ADMIN_PASSWORD } from "../../tests/support/centre";
import { eventually } from "../../tests/support/eventually";
import { packageTestChart, type TestChart } from "../../tests/support/helm-charts";
import { startRolloutFleet, type RolloutFleet } from "../../tests/support/rollout-fleet";
import { signIn } from "../support/fleet-fixture";

let fleet: RolloutFleet;
let chart: TestChart;

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fleet = await startRolloutFleet({
    sites: [{ name: "north", timeZone: "Europe/Berlin" }],
    members: [
      { name: "store-1", site: "north", real: true, labels: { tier: "store" } },
      { name: "store-2", site: "north", real: false, labels: { tier: "store" } },
      { name: "store-3", site: "north", real: false, labels: { tier: "store" } },
    ],
  });
  chart = packageTestChart({ name: "kiosk", version: "1.4.0", appVersion: "2026.1", deployments: [{ name: "web", replicas: 1 }] });
});
test.afterAll(async () => {
  await fleet?.stop();
});

test("an operator uploads a chart, rolls it out with a canary, watches it live, halts, resumes and rolls back", async ({ page }) => {
  await signIn(page, fleet.centre.url, "admin", ADMIN_PASSWORD);
  await page.getByRole("navigation").getByRole("link", { name: "Rollouts" }).click();
  await expect(page.getByText("No rollouts yet")).toBeVisible();

  // Upload the chart: Outpost reads Chart.yaml and shows it.
  await page.getByRole("tab", { name: /Charts/ }).click();
  await page.getByTestId("chart-file").setInputFiles(chart.path);
  await expect(page.getByRole("cell", { name: /kiosk/ })).toBeVisible();
  const row = page.getByRole("row", { name: /kiosk/ });
  await expect(row.getByRole("cell", { name: "1.4.0", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: "2026.1", exact: true })).toBeVisible();

  // New rollout: the chart's default values prefill the editor, the selector previews the clusters.
  await page.getByRole("link", { name: "New rollout" }).click();
  await page.getByLabel("Chart", { exact: true }).selectOption({ label: "kiosk 1.4.0 (uploaded)" });
  await expect(page.getByLabel("Values (YAML)")).toHaveValue(/replicaCount: 1/);
  await page.getByLabel("Values (YAML)").fill("replicaCount: [oops");
  await page.getByLabel("Clusters (label selector)").fill("tier=store");
  await expect(page.getByTestId("target-preview")).toContainText("3 clusters match");
  await expect(page.getByTestId("target-preview")).toContainText("canary: 1");
  await page.getByLabel("Between waves").selectOption("approval");
  await page.getByRole("button", { name: "Start rollout" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "values are not valid YAML" })).toBeVisible();
  await page.getByLabel("Values (YAML)").fill("replicaCount: 2\nmessage: from the browser\n");
  await page.getByRole("button", { name: "Start rollout" }).click();

  // Live progress: the canary becomes healthy and the next wave waits for approval.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("kiosk");
  const canary = page.getByRole("region", { name: "canary" });
  await expect(canary.getByTestId(/^target-/).getByText("healthy")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText("The next wave waits for an operator's approval.")).toBeVisible({ timeout: 60_000 });

  // Halt with a reason, then resume.
  await page.getByRole("button", { name: "Halt" }).click();
  await page.getByRole("dialog").getByLabel("Reason (shown on the rollout)").fill("checking the canary by hand");
  await page.getByRole("dialog").getByRole("button", { name: "Halt rollout" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Halted" })).toContainText("halted by admin: checking the canary by hand");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText("The next wave waits for an operator's approval.")).toBeVisible({ timeout: 30_000 });
  // Waves of 25 % (the default): two clusters after the canary make two waves, each approved.
  await page.getByRole("button", { name: "Approve next wave" }).click();
  await expect(page.getByRole("region", { name: "wave 1" }).getByTestId(/^target-/).getByText("healthy")).toHaveCount(1, { timeout: 120_000 });
  await expect(page.getByText("The next wave waits for an operator's approval.")).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Approve next wave" }).click();
  await expect(page.getByText("Completed", { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("region", { name: "wave 2" }).getByTestId(/^target-/).getByText("healthy")).toHaveCount(1);

  // Roll back: confirmed, tracked as its own rollout, completes.
  await page.getByRole("button", { name: "Roll back" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Rollback of kiosk", { timeout: 30_000 });
  await expect(page.getByText("Completed", { exact: true })).toBeVisible({ timeout: 120_000 });

  // The real cluster no longer has the release: it had none before this rollout.
  const store1 = fleet.clusters.get("store-1")!.testCluster!;
  await eventually(() => store1.kubectlRun(["get", "helmchart", "-n", "kube-system", "kiosk"]), (r) => r.code !== 0, "HelmChart removed from store-1", 60_000);
  const rollouts = await fleet.admin.ok<RolloutDetail[]>("GET", "/api/v1/rollouts");
  expect(rollouts.map((r) => [r.kind, r.phase])).toEqual([
    ["rollback", "completed"],
    ["deploy", "completed"],
  ]);
});
