import { expect, test } from "@playwright/test";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD } from "../../tests/support/centre";
import { signIn, startSimulatedFleet, type SimulatedFleet } from "../support/fleet-fixture";

let fleet: SimulatedFleet;

test.beforeAll(async () => {
  fleet = await startSimulatedFleet(["berlin", "paris"]);
  await fleet.admin.ok("POST", "/api/v1/users", { username: "bert", password: "bert-password-1", role: "viewer", clusterAccess: "none" });
});
test.afterAll(async () => {
  await fleet?.stop();
});

test("an admin grants a technician one site through a group; the technician sees that site's cluster only, until the grant is revoked", async ({ page, browser }) => {
  await signIn(page, fleet.centre.url, "admin", ADMIN_PASSWORD);
  await page.getByRole("navigation").getByRole("link", { name: "Access" }).click();

  await page.getByRole("button", { name: "New group" }).click();
  await page.getByLabel("Group name").fill("berlin-techs");
  await page.getByRole("button", { name: "Create group" }).click();
  await page.getByLabel("Add a member to berlin-techs").selectOption({ label: "bert" });
  await expect(page.getByRole("button", { name: "Remove bert from berlin-techs" })).toBeVisible();

  await page.getByRole("button", { name: "New grant" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Who", { exact: true }).selectOption({ label: "group berlin-techs (1)" });
  await dialog.getByLabel("Role on those clusters").selectOption("operator");
  await dialog.getByLabel("Site", { exact: true }).selectOption({ label: "berlin" });
  await dialog.getByRole("button", { name: "Grant" }).click();
  const row = page.getByRole("row", { name: /group berlin-techs.*operator.*clusters of site berlin/ });
  await expect(row).toBeVisible();

  const techPage = await (await browser.newContext()).newPage();
  await signIn(techPage, fleet.centre.url, "bert", "bert-password-1");
  await expect(techPage.getByRole("link", { name: "berlin-k3s", exact: true })).toBeVisible();
  await expect(techPage.getByText("paris-k3s")).toHaveCount(0);

  await row.getByRole("button", { name: /Revoke/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveCount(0);
  const bert = await ApiClient.signIn(fleet.centre.url, "bert", "bert-password-1");
  expect(await bert.clusters()).toEqual([]);

  const audit = await fleet.admin.ok<{ action: string }[]>("GET", "/api/v1/audit?limit=20");
  expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["group.create", "group.add-member", "grant.create", "grant.delete"]));
});
