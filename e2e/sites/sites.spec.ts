import { expect, test } from "@playwright/test";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../../tests/support/centre";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { signIn } from "../support/fleet-fixture";

let db: TestDatabase;
let centre: Centre;

test.beforeAll(async () => {
  db = await createTestDatabase();
  centre = await startCentre({ databaseUrl: db.url });
  const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  await admin.ok("POST", "/api/v1/users", { username: "olga", password: "operator-password-1", role: "operator" });
});
test.afterAll(async () => {
  await centre?.stop();
  await db?.drop();
});

test("an operator creates a site, is told what is wrong with bad input, and deletes it after confirming", async ({ page }) => {
  await signIn(page, centre.url, "olga", "operator-password-1");
  await page.getByRole("navigation").getByRole("link", { name: "Sites" }).click();
  await page.getByRole("button", { name: "New site" }).first().click();

  await page.getByLabel("Name").fill("Bad Name");
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByText(/lower-case letters, digits and '-'/).first()).toBeVisible();

  await page.getByLabel("Name").fill("clinic-north");
  await page.getByLabel("Location").fill("Hall B");
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByRole("cell", { name: "clinic-north", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Delete site clinic-north" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("This cannot be undone")).toBeVisible();
  await dialog.getByRole("button", { name: "Delete site" }).click();
  await expect(page.getByRole("cell", { name: "clinic-north", exact: true })).toHaveCount(0);

  const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const audit = await admin.ok<{ action: string; actorName: string }[]>("GET", "/api/v1/audit?limit=5");
  expect(audit.filter((e) => e.action.startsWith("site.")).map((e) => `${e.actorName} ${e.action}`)).toEqual(["olga site.delete", "olga site.create"]);
});
