import { expect, test, type Locator, type Page } from "@playwright/test";
import type { AlertRuleView, ClusterDetail, SiteView, UserView } from "@outpost/cluster-core";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../../tests/support/centre";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { VIEWPORTS } from "../support/a11y";
import { signIn } from "../support/fleet-fixture";

/**
 * Every dialog by keyboard alone: Enter on its button opens it with focus on its first field
 * (a confirmation: on Cancel, the safe choice), Escape closes it and gives focus back to the
 * button, and Enter submits it.
 */
let db: TestDatabase;
let centre: Centre;
let admin: ApiClient;
let harbour: SiteView;
let clusterId = "";

test.use({ viewport: VIEWPORTS[0].size });

test.beforeAll(async () => {
  db = await createTestDatabase();
  centre = await startCentre({ databaseUrl: db.url });
  admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  harbour = await admin.createSite("harbour");
  const { token } = await admin.createRegistrationToken(harbour.id, "harbour-k3s", { kind: "store" });
  clusterId = (await new ApiClient(centre.url).ok<{ clusterId: string }>("POST", "/api/v1/agent/register", { registrationToken: token, agentVersion: "test", simulated: true })).clusterId;
  await admin.ok("POST", "/api/v1/users", { username: "olga", password: "operator-password-1", role: "operator" });
  await admin.ok("POST", "/api/v1/users", { username: "temp", password: "temporary-password-1", role: "viewer" });
});
test.afterAll(async () => {
  await centre?.stop();
  await db?.drop();
});

/** Enter on the button opens the dialog with focus on `first`; Escape closes it and focus is back on the button; Enter opens it again. */
async function openEscapeReopen(page: Page, opener: Locator, dialog: Locator, first: (dialog: Locator) => Locator): Promise<void> {
  await opener.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(first(dialog)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(first(dialog)).toBeFocused();
}

/** A confirmation: focus starts on Cancel; Tab reaches the confirm button and Enter confirms. */
async function confirmByKeyboard(page: Page, dialog: Locator, confirmLabel: string): Promise<void> {
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: confirmLabel })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
}

test("sites: New site, Edit site and Delete site by keyboard alone", async ({ page }) => {
  await signIn(page, centre.url, "olga", "operator-password-1");
  await page.goto(`${centre.url}/sites`);

  const newSite = page.getByRole("button", { name: "New site" });
  const create = page.getByRole("dialog", { name: "New site" });
  await openEscapeReopen(page, newSite, create, (d) => d.getByLabel("Name"));
  await page.keyboard.type("north-yard");
  await page.keyboard.press("Enter");
  await expect(create).toBeHidden();
  await expect(newSite).toBeFocused();
  await expect(page.getByRole("cell", { name: "north-yard", exact: true })).toBeVisible();

  const editSite = page.getByRole("button", { name: "Edit site north-yard" });
  const edit = page.getByRole("dialog", { name: "Edit site north-yard" });
  await openEscapeReopen(page, editSite, edit, (d) => d.getByLabel("Name"));
  await expect(edit.getByLabel("Name")).toHaveValue("north-yard");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(edit.getByLabel("Location")).toBeFocused();
  await page.keyboard.type("Gate 2");
  await page.keyboard.press("Enter");
  await expect(edit).toBeHidden();
  await expect(editSite).toBeFocused();
  await expect(page.getByRole("row").filter({ hasText: "north-yard" })).toContainText("Gate 2");

  const deleteSite = page.getByRole("button", { name: "Delete site north-yard" });
  const remove = page.getByRole("dialog", { name: "Delete site north-yard?" });
  await openEscapeReopen(page, deleteSite, remove, (d) => d.getByRole("button", { name: "Cancel" }));
  await confirmByKeyboard(page, remove, "Delete site");
  await expect(page.getByRole("cell", { name: "north-yard", exact: true })).toHaveCount(0);
  // The button went with its row: focus lands on the page, not on nothing.
  await expect(page.locator("#main")).toBeFocused();
});

test("fleet: Add cluster and revoking its pending registration by keyboard alone", async ({ page }) => {
  await signIn(page, centre.url, "olga", "operator-password-1");
  const addCluster = page.getByRole("button", { name: "Add cluster" });
  const add = page.getByRole("dialog", { name: "Add cluster" });
  await openEscapeReopen(page, addCluster, add, (d) => d.getByLabel("Site"));
  await page.keyboard.press("Tab");
  await expect(add.getByLabel("Cluster name")).toBeFocused();
  await page.keyboard.type("harbour-till-1");
  await page.keyboard.press("Enter");
  const result = page.getByRole("dialog", { name: "Register the cluster" });
  await expect(result).toBeVisible();
  // The form was replaced by the commands: focus moves to them, it does not drop to the page.
  await expect(result.getByRole("button", { name: "Copy command" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(result).toBeHidden();
  await expect(addCluster).toBeFocused();

  const revokeButton = page.getByRole("button", { name: "Revoke the registration of harbour-till-1" });
  const revoke = page.getByRole("dialog", { name: "Revoke the registration of harbour-till-1?" });
  await openEscapeReopen(page, revokeButton, revoke, (d) => d.getByRole("button", { name: "Cancel" }));
  await confirmByKeyboard(page, revoke, "Revoke");
  await expect(page.getByRole("region", { name: /Waiting for their agent/ })).toHaveCount(0);
  expect(await admin.ok<unknown[]>("GET", "/api/v1/registration-tokens")).toEqual([]);
});

test("cluster page: Edit labels and Delete cluster by keyboard alone", async ({ page }) => {
  await signIn(page, centre.url, "olga", "operator-password-1");
  await page.goto(`${centre.url}/clusters/${clusterId}`);

  const editLabels = page.getByRole("button", { name: "Edit labels" });
  const labels = page.getByRole("dialog", { name: "Edit labels" });
  await openEscapeReopen(page, editLabels, labels, (d) => d.getByLabel("Labels"));
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("zone=quay");
  // Enter in a text area starts a new line; Ctrl+Enter submits.
  await page.keyboard.press("Control+Enter");
  await expect(labels).toBeHidden();
  await expect(editLabels).toBeFocused();
  await expect.poll(async () => (await admin.ok<ClusterDetail>("GET", `/api/v1/clusters/${clusterId}`)).labels).toEqual({ kind: "store", zone: "quay" });

  const deleteCluster = page.getByRole("button", { name: "Delete cluster" });
  const remove = page.getByRole("dialog", { name: "Delete cluster harbour-k3s?" });
  await openEscapeReopen(page, deleteCluster, remove, (d) => d.getByLabel("Type harbour-k3s to confirm"));
  await page.keyboard.type("harbour-k3s");
  await page.keyboard.press("Enter");
  await page.waitForURL(`${centre.url}/`);
  expect((await admin.clusters()).map((c) => c.name)).not.toContain("harbour-k3s");
});

test("alerts: Add channel, Edit rule, Delete rule and Delete channel by keyboard alone", async ({ page }) => {
  const channel = await admin.ok<{ id: string }>("POST", "/api/v1/alert-channels", { name: "night-shift", kind: "email", to: "night@example.test" });
  await admin.ok("POST", "/api/v1/alert-rules", { name: "Till offline", condition: "cluster-offline", forSeconds: 300, scope: { kind: "all" }, channelIds: [channel.id] });
  // Alert rules and channels are changed by admins only (issue 14).
  await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
  await page.goto(`${centre.url}/alerts`);

  const addChannel = page.getByRole("button", { name: "Add channel" });
  await openEscapeReopen(page, addChannel, page.getByRole("dialog", { name: "Add channel" }), (d) => d.getByLabel("Name"));
  await page.keyboard.press("Escape");
  await expect(addChannel).toBeFocused();

  const editRule = page.getByRole("button", { name: "Edit rule Till offline" });
  const edit = page.getByRole("dialog", { name: "Edit rule Till offline" });
  await openEscapeReopen(page, editRule, edit, (d) => d.getByLabel("Name"));
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Till dark");
  await page.keyboard.press("Enter");
  await expect(edit).toBeHidden();
  await expect(page.getByRole("button", { name: "Edit rule Till dark" })).toBeFocused();
  expect((await admin.ok<AlertRuleView[]>("GET", "/api/v1/alert-rules")).map((r) => r.name)).toEqual(["Till dark"]);

  const deleteRule = page.getByRole("button", { name: "Delete rule Till dark" });
  const removeRule = page.getByRole("dialog", { name: "Delete rule Till dark?" });
  await openEscapeReopen(page, deleteRule, removeRule, (d) => d.getByRole("button", { name: "Cancel" }));
  await confirmByKeyboard(page, removeRule, "Delete rule");
  await expect(page.locator('[data-rule="Till dark"]')).toHaveCount(0);

  const deleteChannel = page.getByRole("button", { name: "Delete channel night-shift" });
  const removeChannel = page.getByRole("dialog", { name: "Delete channel night-shift?" });
  await openEscapeReopen(page, deleteChannel, removeChannel, (d) => d.getByRole("button", { name: "Cancel" }));
  await confirmByKeyboard(page, removeChannel, "Delete channel");
  await expect(page.locator('[data-channel="night-shift"]')).toHaveCount(0);
});

test("users: Delete user by keyboard alone", async ({ page }) => {
  await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
  await page.goto(`${centre.url}/users`);
  const deleteUser = page.getByRole("button", { name: "Delete temp" });
  const remove = page.getByRole("dialog", { name: "Delete user temp?" });
  await openEscapeReopen(page, deleteUser, remove, (d) => d.getByRole("button", { name: "Cancel" }));
  await confirmByKeyboard(page, remove, "Delete user");
  await expect(page.getByRole("cell", { name: "temp", exact: true })).toHaveCount(0);
  expect((await admin.ok<UserView[]>("GET", "/api/v1/users")).map((u) => u.username)).not.toContain("temp");
});
