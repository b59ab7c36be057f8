import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD } from "../../tests/support/centre";
import { startWebhookReceiver, type WebhookReceiver } from "../../tests/support/webhook-receiver";
import { VIEWPORTS, expectNoHorizontalScroll, expectNoSeriousA11yViolations } from "../support/a11y";
import { signIn, startSimulatedFleet, type SimulatedFleet } from "../support/fleet-fixture";

let fleet: SimulatedFleet;
let hooks: WebhookReceiver;

test.beforeAll(async () => {
  hooks = await startWebhookReceiver();
  fleet = await startSimulatedFleet(["store-berlin", "factory-lyon"], { centreEnv: { OUTPOST_ALERT_INTERVAL_MS: "1000" } });
});
test.afterAll(async () => {
  await fleet?.stop();
  await hooks?.stop();
});

test.describe("desktop", () => {
  test.use({ viewport: VIEWPORTS[0].size });

  test("by keyboard alone: add a channel and a rule; a killed agent then fires an alert that shows live, in the bell and in the cluster's history", async ({ page }) => {
    await signIn(page, fleet.centre.url, "admin", ADMIN_PASSWORD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await expect(page).toHaveTitle("Alerts · Outpost");
    await expectNoSeriousA11yViolations(page, "the alerts page, empty");

    // Add channel: the dialog opens on its first field, everything by keyboard.
    const addChannel = page.getByRole("button", { name: "Add channel" });
    await addChannel.focus();
    await page.keyboard.press("Enter");
    const channelDialog = page.getByRole("dialog", { name: "Add channel" });
    await expect(channelDialog.getByLabel("Name")).toBeFocused();
    await page.keyboard.type("ops-webhook");
    await page.keyboard.press("Tab");
    await expect(channelDialog.getByLabel("Kind")).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.type("not a url");
    await page.keyboard.press("Enter");
    await expect(channelDialog.getByText(/https:\/\/hooks.example.com/)).toBeVisible();
    await channelDialog.getByLabel("Webhook URL").fill(`${hooks.url}/alerts`);
    await page.keyboard.press("Enter");
    await expect(channelDialog).toBeHidden();
    await expect(addChannel).toBeFocused();
    await expect(page.locator('[data-channel="ops-webhook"]')).toContainText("http://127.0.0.1");

    // New rule: name first, then the rest by Tab; the only channel is ticked already.
    const newRule = page.getByRole("button", { name: "New rule" });
    await newRule.focus();
    await page.keyboard.press("Enter");
    const ruleDialog = page.getByRole("dialog", { name: "New alert rule" });
    await expect(ruleDialog.getByLabel("Name")).toBeFocused();
    await page.keyboard.type("Store offline");
    await ruleDialog.getByLabel("For at least (minutes)").fill("0");
    await ruleDialog.getByLabel("Clusters matching a label selector").check();
    await ruleDialog.getByLabel("Label selector", { exact: true }).fill("env in (e2e)");
    await expect(ruleDialog.getByLabel("ops-webhook")).toBeChecked();
    await page.keyboard.press("Enter");
    await expect(ruleDialog).toBeHidden();
    await expect(newRule).toBeFocused();
    await expect(page.locator('[data-rule="Store offline"]')).toContainText("Cluster offline at once on clusters with env in (e2e)");
    await expectNoSeriousA11yViolations(page, "the alerts page with a rule and a channel");

    // Escape closes a dialog and focus goes back where it was.
    await newRule.focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await expect(ruleDialog).toBeHidden();
    await expect(newRule).toBeFocused();

    await fleet.killAgent("store-berlin-k3s");
    await expect(page.getByRole("list", { name: "Alerts" }).locator('[data-state="firing"]')).toContainText("store-berlin-k3s", { timeout: 20_000 });
    await expect(page.getByTestId("notifications-link")).toHaveAccessibleName("Notifications, 1 unread");
    await expect.poll(() => hooks.received.length).toBe(1);

    await page.getByTestId("notifications-link").click();
    await expect(page.getByRole("list", { name: "Notifications" }).locator('[data-event="firing"]')).toContainText("store-berlin-k3s (site store-berlin) is offline");
    await expectNoSeriousA11yViolations(page, "the notifications page");
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(page.getByTestId("notifications-link")).toHaveAccessibleName("Notifications");

    await page.getByRole("link", { name: /store-berlin-k3s \(site store-berlin\) is offline/ }).click();
    await expect(page).toHaveTitle("store-berlin-k3s (store-berlin) · Outpost");
    await page.getByRole("tab", { name: "History" }).click();
    await expect(page.getByTestId("outage-summary")).toContainText("1 outage in 24 h");
    await expect(page.getByRole("table", { name: "Status changes" }).locator('tr[data-to="offline"]')).toHaveCount(1);
    await expectNoSeriousA11yViolations(page, "the cluster's history");
    fleet.restartAgent("store-berlin-k3s");
  });
});

test.describe("phone", () => {
  test.use({ viewport: VIEWPORTS[1].size });

  test("the alerts and notifications pages fit 390 px and pass axe", async ({ page }) => {
    await signIn(page, fleet.centre.url, "admin", ADMIN_PASSWORD);
    await page.goto(`${fleet.centre.url}/alerts`);
    await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page, "the alerts page on a phone");
    await page.goto(`${fleet.centre.url}/notifications`);
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page, "notifications on a phone");
  });
});
