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
  await admin.ok("POST", "/api/v1/users", { username: "vera", password: "viewer-password-1", role: "viewer" });
});
test.afterAll(async () => {
  await centre?.stop();
  await db?.drop();
});

test("a viewer sees no Users link, and the users page and API answer 403", async ({ page }) => {
  await signIn(page, centre.url, "vera", "viewer-password-1");
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Fleet" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);

  const pageResponse = await page.goto(`${centre.url}/users`);
  expect(pageResponse?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /403/ })).toBeVisible();

  const api = await page.request.get(`${centre.url}/api/v1/users`);
  expect(api.status()).toBe(403);
});

test("an admin sees user management with every user", async ({ page }) => {
  await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
  await page.getByRole("navigation").getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("cell", { name: "vera", exact: true })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto(`${centre.url}/login`);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/wrong username or password/i)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
