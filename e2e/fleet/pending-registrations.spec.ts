import { expect, test, type Page } from "@playwright/test";
import type { PendingRegistrationView, SiteView } from "@outpost/cluster-core";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../../tests/support/centre";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { VIEWPORTS, expectNoHorizontalScroll, expectNoSeriousA11yViolations } from "../support/a11y";
import { signIn } from "../support/fleet-fixture";

let db: TestDatabase;
let centre: Centre;
let admin: ApiClient;
let site: SiteView;

test.beforeAll(async () => {
  db = await createTestDatabase();
  centre = await startCentre({ databaseUrl: db.url });
  admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  site = await admin.createSite("quayside");
  await admin.ok("POST", "/api/v1/users", { username: "olga", password: "operator-password-1", role: "operator" });
  // One registered cluster, so that the fleet list itself is not empty.
  const { token } = await admin.createRegistrationToken(site.id, "quayside-k3s");
  await new ApiClient(centre.url).ok("POST", "/api/v1/agent/register", { registrationToken: token, agentVersion: "test", simulated: true });
});
test.afterAll(async () => {
  await centre?.stop();
  await db?.drop();
});

const pendingNames = async () => (await admin.ok<PendingRegistrationView[]>("GET", "/api/v1/registration-tokens")).map((p) => p.clusterName);
const registers = async (token: string) => (await new ApiClient(centre.url).call("POST", "/api/v1/agent/register", { registrationToken: token, agentVersion: "test", simulated: true })).status;

/** Revokes the pending cluster from the fleet page: Cancel first changes nothing, then Revoke. */
async function revokeFromFleetPage(page: Page, clusterName: string): Promise<void> {
  const pending = page.getByRole("region", { name: /Waiting for their agent/ });
  await pending.getByRole("button", { name: `Revoke the registration of ${clusterName}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke the registration of ${clusterName}?` });
  await expect(dialog).toContainText("stops working at once");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await pendingNames()).toContain(clusterName);

  await pending.getByRole("button", { name: `Revoke the registration of ${clusterName}` }).click();
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-pending="${clusterName}"]`)).toHaveCount(0);
  expect(await pendingNames()).not.toContain(clusterName);
}

test.describe("desktop", () => {
  test.use({ viewport: VIEWPORTS[0].size });

  test("a cluster added in the UI waits on the fleet page with its site, issuer and expiry until an operator revokes it after confirming; the token then registers nothing", async ({ page }) => {
    await signIn(page, centre.url, "olga", "operator-password-1");
    await expect(page.getByRole("region", { name: /Waiting for their agent/ })).toHaveCount(0);

    await page.getByRole("button", { name: "Add cluster" }).click();
    const add = page.getByRole("dialog", { name: "Add cluster" });
    await add.getByLabel("Cluster name").fill("quayside-till-2");
    await add.getByLabel("Labels").fill("kind=till");
    await add.getByRole("button", { name: "Create registration command" }).click();
    const result = page.getByRole("dialog", { name: "Register the cluster" });
    // Inside a closed <details>: read, not seen.
    const command = (await result.locator('pre[aria-label="Registration command"]').textContent()) ?? "";
    const token = /OUTPOST_REGISTRATION_TOKEN=(reg_[\w-]+)/.exec(command)?.[1];
    expect(token, "the token in the registration command").toBeTruthy();
    await result.getByRole("button", { name: "Done" }).click();

    const pending = page.getByRole("region", { name: "Waiting for their agent (1)" });
    const row = pending.locator('[data-pending="quayside-till-2"]');
    await expect(row).toContainText("at quayside");
    await expect(row).toContainText("Issued by olga just now");
    await expect(row).toContainText(/expires in (60 min|1 h)/);
    await expect(row).toContainText("kind=till");
    await expectNoSeriousA11yViolations(page, "the fleet page with a pending cluster");

    await revokeFromFleetPage(page, "quayside-till-2");
    await expect(page.getByRole("region", { name: /Waiting for their agent/ })).toHaveCount(0);
    expect(await registers(token!)).toBe(401);
    const [event] = await admin.ok<{ action: string; actorName: string }[]>("GET", "/api/v1/audit?limit=1");
    expect(event).toMatchObject({ action: "registration-token.revoke", actorName: "olga" });
  });
});

test.describe("phone", () => {
  test.use({ viewport: VIEWPORTS[1].size });

  test("at 390 px the pending clusters fit the screen, pass axe, and one is revoked after confirming while the other stays", async ({ page }) => {
    const kept = await admin.createRegistrationToken(site.id, "quayside-scale", { kind: "scale", floor: "ground" });
    const revoked = await admin.createRegistrationToken(site.id, "quayside-printer-with-a-long-name");
    await signIn(page, centre.url, "olga", "operator-password-1");
    const pending = page.getByRole("region", { name: "Waiting for their agent (2)" });
    await expect(pending.locator('[data-pending="quayside-scale"]')).toContainText("Issued by admin");
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page, "the fleet page with pending clusters at 390 px");

    await revokeFromFleetPage(page, "quayside-printer-with-a-long-name");
    await expect(page.getByRole("region", { name: "Waiting for their agent (1)" })).toBeVisible();
    expect(await registers(revoked.token)).toBe(401);
    expect(await registers(kept.token)).toBe(201);
  });
});
