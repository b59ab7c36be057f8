import { expect, test, type Page } from "@playwright/test";
import type { ClusterSummary, UserView } from "@outpost/cluster-core";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../../tests/support/centre";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { VIEWPORTS, expectNoHorizontalScroll, expectNoSeriousA11yViolations } from "../support/a11y";
import { signIn } from "../support/fleet-fixture";

let db: TestDatabase;
let centre: Centre;
let admin: ApiClient;
let clusterId = "";

test.beforeAll(async () => {
  db = await createTestDatabase();
  centre = await startCentre({ databaseUrl: db.url });
  admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const altona = await admin.createSite("altona");
  await admin.createSite("bergedorf");
  const { token } = await admin.createRegistrationToken(altona.id, "altona-k3s", { kind: "store" });
  clusterId = (await new ApiClient(centre.url).ok<{ clusterId: string }>("POST", "/api/v1/agent/register", { registrationToken: token, agentVersion: "test", simulated: true })).clusterId;
  await admin.ok("POST", "/api/v1/users", { username: "vera", password: "viewer-password-1", role: "viewer" });
  await admin.ok("POST", "/api/v1/users", { username: "paula", password: "paula-password-1", role: "viewer" });
});
test.afterAll(async () => {
  await centre?.stop();
  await db?.drop();
});

const userRole = async (name: string) => (await admin.ok<UserView[]>("GET", "/api/v1/users")).find((u) => u.username === name)!.role;

test.describe("desktop", () => {
  test.use({ viewport: VIEWPORTS[0].size });

  test("a cluster moves to another site by keyboard alone: the dialog focuses its field, Escape cancels, the arrow keys choose and Enter on Move cluster moves; the audit log names both sites", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    await page.goto(`${centre.url}/clusters/${clusterId}`);
    await expect(page).toHaveTitle(/altona-k3s/);
    await expectNoSeriousA11yViolations(page, "the cluster page");
    const move = page.getByRole("button", { name: "Move" });
    await move.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Move altona-k3s to another site" });
    await expect(dialog.getByLabel("New site")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(move).toBeFocused();

    await page.keyboard.press("Enter");
    await expect(dialog.getByLabel("New site")).toBeFocused();
    // The only other site; a closed list moves with the arrow keys.
    await page.keyboard.press("ArrowDown");
    await expect(dialog.getByLabel("New site")).not.toHaveValue("");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Move cluster" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("bergedorf");
    expect((await admin.ok<ClusterSummary>("GET", `/api/v1/clusters/${clusterId}`)).siteName).toBe("bergedorf");

    await page.goto(`${centre.url}/audit`);
    const row = page.getByRole("row").filter({ hasText: "cluster.move" });
    await expect(row.getByRole("link", { name: "altona-k3s" })).toHaveAttribute("href", `/clusters/${clusterId}`);
    await expect(row).toContainText("site: altona → bergedorf");
  });

  test("a site with clusters is deleted only after choosing where its clusters go", async ({ page }) => {
    const doomed = await admin.createSite("doomed-shop");
    const { token } = await admin.createRegistrationToken(doomed.id, "doomed-k3s");
    const id = (await new ApiClient(centre.url).ok<{ clusterId: string }>("POST", "/api/v1/agent/register", { registrationToken: token, agentVersion: "test", simulated: true })).clusterId;
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    await page.goto(`${centre.url}/sites`);
    await expectNoSeriousA11yViolations(page, "the sites page");
    await page.getByRole("button", { name: "Delete site doomed-shop" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete site doomed-shop?" });
    const confirm = dialog.getByRole("button", { name: "Move 1 cluster and delete" });
    await expect(dialog.getByLabel("Move its clusters to")).toBeFocused();
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("Move its clusters to").selectOption({ label: "altona" });
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("cell", { name: "doomed-shop", exact: true })).toHaveCount(0);
    expect((await admin.ok<ClusterSummary>("GET", `/api/v1/clusters/${id}`)).siteName).toBe("altona");
  });

  test("a role change waits for a confirmation: ArrowUp on a focused role list promotes nobody by itself", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    await page.goto(`${centre.url}/users`);
    await expectNoSeriousA11yViolations(page, "the users page");
    const role = page.getByLabel("Role of vera");
    await role.focus();
    // Roles are listed admin, operator, viewer: ArrowUp on "viewer" selects "operator".
    await page.keyboard.press("ArrowUp");
    const dialog = page.getByRole("dialog", { name: "Make vera an operator?" });
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(role).toHaveValue("viewer");
    expect(await userRole("vera")).toBe("viewer");

    await role.selectOption("operator");
    await dialog.getByRole("button", { name: "Change role to operator" }).click();
    await expect(dialog).toBeHidden();
    await expect(role).toHaveValue("operator");
    expect(await userRole("vera")).toBe("operator");
  });

  test("anyone changes their own password on Your account: wrong current password and a mistyped repeat are explained beside the field", async ({ page }) => {
    await signIn(page, centre.url, "paula", "paula-password-1");
    await page.getByRole("link", { name: "paula" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page).toHaveTitle(/Your account/);
    await expectNoSeriousA11yViolations(page, "the account page");
    await page.getByLabel("Current password").fill("not-my-password");
    await page.getByLabel("New password", { exact: true }).fill("paula-password-2");
    await page.getByLabel("New password again").fill("paula-password-3");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("the two new passwords differ")).toBeVisible();
    await page.getByLabel("New password again").fill("paula-password-2");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("not your current password")).toBeVisible();
    await page.getByLabel("Current password").fill("paula-password-1");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();
    await ApiClient.signIn(centre.url, "paula", "paula-password-2");
  });

  test("the audit log filters by action family, pages, and downloads the filter as CSV", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    await page.goto(`${centre.url}/audit`);
    await expectNoSeriousA11yViolations(page, "the audit log");
    await page.getByLabel("Action").selectOption({ label: "every site action" });
    const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
    await expect(rows.filter({ hasNotText: /site\./ })).toHaveCount(0);
    await expect(page.getByText(/of \d+ events/)).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^outpost-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(download.url()).toContain("action=site.");
  });

  test("the tokens page explains a missing name in words", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    await page.goto(`${centre.url}/tokens`);
    await expectNoSeriousA11yViolations(page, "the tokens page");
    await page.getByRole("button", { name: "New token" }).first().click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("Name")).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog.getByText("a name is required, e.g. ci-pipeline")).toBeVisible();
  });
});

test.describe("phone", () => {
  test.use({ viewport: VIEWPORTS[1].size });

  const check = async (page: Page, path: string, what: string) => {
    await page.goto(`${centre.url}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page, `${what} on a phone`);
  };

  test("at 390 px the cluster page, sites, users, tokens, audit log and account fit the screen and pass axe", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    await check(page, `/clusters/${clusterId}`, "the cluster page");
    await check(page, "/sites", "the sites page");
    await check(page, "/users", "the users page");
    await check(page, "/tokens", "the tokens page");
    await check(page, "/audit", "the audit log");
    await check(page, "/account", "the account page");
  });
});
