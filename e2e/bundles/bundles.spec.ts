import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { BundleView } from "@outpost/cluster-core";
import { filesUnder, sha256File, tempDir, writeRandomFile } from "../../tests/support/bundles";
import { signIn, startSimulatedFleet, type SimulatedFleet } from "../support/fleet-fixture";
import { ADMIN_PASSWORD } from "../../tests/support/centre";

let fleet: SimulatedFleet;
let src: string;

test.beforeAll(async () => {
  fleet = await startSimulatedFleet(["harbour-1"]);
  src = tempDir("e2e-bundle");
  await writeRandomFile(join(src, "k3s-airgap-images-amd64.tar"), 24 * 1024 * 1024);
  await writeRandomFile(join(src, "harbour.yaml"), 1_500);
});
test.afterAll(async () => {
  await fleet?.stop();
  rmSync(src, { recursive: true, force: true });
});

test("an operator uploads a bundle, assigns it to a cluster and watches its transfer move live and reach 100 %", async ({ page }) => {
  await signIn(page, fleet.centre.url, "admin", ADMIN_PASSWORD);
  await page.getByRole("navigation").getByRole("link", { name: "Bundles" }).click();
  await expect(page.getByText("No bundles yet")).toBeVisible();
  await page.getByRole("link", { name: "Upload bundle" }).first().click();

  await page.getByLabel("Name", { exact: true }).fill("harbour-base");
  await page.getByLabel("Version", { exact: true }).fill("2026.12.1");
  await page.getByLabel("Add files").setInputFiles([join(src, "k3s-airgap-images-amd64.tar"), join(src, "harbour.yaml")]);
  // Roles and paths are guessed from the names: the tarball goes to k3s's images directory.
  await expect(page.getByLabel("Path of k3s-airgap-images-amd64.tar on the device")).toHaveValue("/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar");
  await page.getByLabel("Path of harbour.yaml on the device").fill("/etc/passwd");
  await page.getByRole("button", { name: "Upload and sign" }).click();
  await expect(page.getByText(/target '\/etc\/passwd' is outside the places a manifest may be written/)).toBeVisible();
  await page.getByLabel("Path of harbour.yaml on the device").fill("/var/lib/rancher/k3s/server/manifests/harbour.yaml");
  await page.getByRole("button", { name: "Upload and sign" }).click();

  await expect(page.getByRole("heading", { name: "harbour-base 2026.12.1" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("table", { name: "Bundle contents" }).getByRole("row")).toHaveCount(3);

  // A capped site (4 MiB/s) makes the 24 MiB transfer last several seconds, so the page must
  // show it moving, not only its end.
  const [cluster] = await fleet.admin.clusters();
  await fleet.admin.ok("PATCH", `/api/v1/sites/${cluster!.siteId}`, { bandwidthCapBytesPerSec: 4 * 1024 * 1024 });
  await page.getByRole("button", { name: "Assign" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Cluster", { exact: true }).selectOption({ label: "harbour-1-k3s (harbour-1, online)" });
  await dialog.getByRole("button", { name: "Assign bundle" }).click();

  const row = page.getByRole("table", { name: "Clusters holding the bundle" }).getByRole("row", { name: /harbour-1-k3s/ });
  // Live per-cluster progress (no reload): a value between 1 and 99 %, then 100 %.
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", /^[1-9][0-9]?$/, { timeout: 30_000 });
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(row.getByText("Installed")).toBeVisible();

  // The files are where k3s reads them on the device.
  const [bundle] = await fleet.admin.ok<BundleView[]>("GET", "/api/v1/bundles");
  expect(bundle).toMatchObject({ installedClusters: 1, targetedClusters: 1 });
  expect(await filesUnder(fleet.rootOf("harbour-1-k3s"))).toEqual({
    "/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar": await sha256File(join(src, "k3s-airgap-images-amd64.tar")),
    "/var/lib/rancher/k3s/server/manifests/harbour.yaml": await sha256File(join(src, "harbour.yaml")),
  });
});
