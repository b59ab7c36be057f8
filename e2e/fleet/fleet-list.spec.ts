import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../../tests/support/centre";
import { seedFleet, type SeededCluster } from "../../tests/support/seed-fleet";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { VIEWPORTS, expectNoHorizontalScroll, expectNoSeriousA11yViolations } from "../support/a11y";
import { signIn } from "../support/fleet-fixture";

let db: TestDatabase;
let centre: Centre;
let fleet: SeededCluster[];

test.beforeAll(async () => {
  db = await createTestDatabase();
  centre = await startCentre({ databaseUrl: db.url });
  fleet = await seedFleet(db.url, { sites: 60, clusters: 300, seed: 3 });
});
test.afterAll(async () => {
  await centre?.stop();
  await db?.drop();
});

test.describe("desktop", () => {
  test.use({ viewport: VIEWPORTS[0].size });

  test("300 clusters in one paged list, problems first; counters filter when clicked; the filter lives in the address", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    const rows = page.getByRole("table", { name: "Clusters" }).locator("tbody tr[data-status]");
    await expect(rows).toHaveCount(50);
    await expect(rows.first()).toHaveAttribute("data-status", "offline");
    await expect(page.getByText(`1–50 of ${fleet.length} clusters`)).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the fleet list");

    // Honest counters: nodes of offline clusters are unknown, and the counter says how many.
    const unknown = fleet.filter((c) => c.status === "offline").reduce((n, c) => n + c.nodesTotal, 0);
    await expect(page.locator('[data-counter="nodes"]')).toContainText(`${unknown} unknown`);

    const offline = fleet.filter((c) => c.status === "offline").length;
    await page.locator('[data-counter="offline"]').click();
    await expect(page).toHaveURL(/status=offline/);
    await expect(page.locator('[data-counter="offline"]')).toHaveAttribute("aria-pressed", "true");
    await expect(rows).toHaveCount(offline);
    await expect(page.locator('tbody tr[data-status]:not([data-status="offline"])')).toHaveCount(0);

    // The same address in a new page shows the same list.
    await page.reload();
    await expect(rows).toHaveCount(offline);
    await page.goBack();
    await expect(rows).toHaveCount(50);

    // A label selector in full Kubernetes syntax, applied as you type.
    await page.getByLabel("Label selector").fill("kind in (store,factory),region notin (apac)");
    const matching = fleet.filter((c) => ["store", "factory"].includes(c.labels.kind!) && c.labels.region !== "apac").length;
    await expect(page.getByText(new RegExp(`of ${matching} clusters`))).toBeVisible();
    await expect(page).toHaveURL(/selector=kind/);
    await page.getByLabel("Label selector").fill("kind in (store");
    await expect(page.getByText(/label selector: expected/)).toBeVisible();
    await page.getByRole("button", { name: "Clear all filters" }).click();

    // Free text finds the clusters running a workload.
    await page.getByLabel("Search").fill("receipt-printer");
    const printing = fleet.filter((c) => c.workloads.some((w) => w.name === "receipt-printer")).length;
    await expect(page.getByText(new RegExp(`of ${printing} clusters`))).toBeVisible();
    await page.getByLabel("Search").fill("");
    // Typing applies after a pause; wait for the whole list, or the cleared search would land
    // after the clicks below and take the list back to page 1.
    await expect(page).not.toHaveURL(/[?&]q=/);
    await expect(page.getByText(`1–50 of ${fleet.length} clusters`)).toBeVisible();

    // Sorting by a column header, then the next page. The previous list stays on screen while
    // the next one loads, so wait for the new range before reading the rows.
    await page.getByRole("button", { name: "Cluster", exact: true }).click();
    await expect(page.getByRole("columnheader", { name: "Cluster" })).toHaveAttribute("aria-sort", "ascending");
    const byName = fleet.map((c) => c.name).sort();
    await expect(rows.first()).toHaveAttribute("data-cluster", byName[0]!);
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText(`51–100 of ${fleet.length} clusters`)).toBeVisible();
    await expect(rows.first()).toHaveAttribute("data-cluster", byName[50]!);
    await expect(page).toHaveURL(/page=2/);
  });

  test("grouped by site only on request; a saved view brings the filter back", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    await expect(page.locator("[data-site-heading]")).toHaveCount(0);
    // A controlled checkbox follows the address, which changes a moment after the click.
    await page.getByLabel("Group by site").click();
    await expect(page.getByLabel("Group by site")).toBeChecked();
    await expect(page.locator("[data-site-heading]").first()).toBeVisible();
    await page.locator('[data-counter="degraded"]').click();
    await expect(page).toHaveURL(/group=site/);

    await page.getByRole("button", { name: "Save view" }).click();
    const dialog = page.getByRole("dialog", { name: "Save view" });
    await expect(dialog.getByLabel("Name")).toBeFocused();
    await dialog.getByLabel("Name").fill("Degraded by site");
    await dialog.getByRole("button", { name: "Save view" }).click();
    await expect(dialog).toBeHidden();

    await page.goto(`${centre.url}/`);
    await page.getByLabel("Saved views").selectOption({ label: "Degraded by site" });
    await expect(page).toHaveURL(/status=degraded/);
    await expect(page.locator('[data-counter="degraded"]')).toHaveAttribute("aria-pressed", "true");
  });

  test("the Save view dialog works by keyboard alone: first field focused, Escape closes, focus returns", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    const open = page.getByRole("button", { name: "Save view" });
    await open.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Save view" });
    await expect(dialog.getByLabel("Name")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();

    await page.keyboard.press("Enter");
    await page.keyboard.type("Keyboard view");
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
    await expect(page.getByLabel("Saved views").locator("option", { hasText: "Keyboard view" })).toHaveCount(1);
  });
});

test.describe("phone", () => {
  test.use({ viewport: VIEWPORTS[1].size });

  test("at 390 px the list is cards with status first, the navigation is a menu, nothing scrolls sideways", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    const cards = page.getByRole("list", { name: "Clusters" }).locator("li[data-status]");
    await expect(cards).toHaveCount(50);
    await expect(cards.first()).toHaveAttribute("data-status", "offline");
    await expect(cards.first().getByText(/Offline since/)).toBeInViewport();
    await expect(page.getByRole("table", { name: "Clusters" })).toBeHidden();
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page, "the fleet list on a phone");

    // Filters fold away on a phone, behind one button that says how many are set.
    await expect(page.getByLabel("Label selector")).toBeHidden();
    await page.getByRole("button", { name: /Filters/ }).click();
    await page.getByLabel("Label selector").fill("kind=store");
    await expect(page.getByRole("button", { name: /Filters \(1 set\)/ })).toBeVisible();
    await page.getByLabel("Label selector").fill("");

    await page.getByLabel("Sort").selectOption({ label: "Name A–Z" });
    await expect(cards.first()).toHaveAttribute("data-cluster", fleet.map((c) => c.name).sort()[0]!);

    const menu = page.getByRole("button", { name: "Open navigation" });
    await expect(menu).toBeVisible();
    await menu.click();
    const nav = page.getByRole("navigation", { name: "Main (menu)" });
    await expect(nav).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
    await menu.click();
    await nav.getByRole("link", { name: "Sites" }).click();
    await expect(page).toHaveURL(/\/sites$/);
    await expect(nav).toBeHidden();
  });

  test("a skip link is the first stop of the keyboard and jumps to the content", async ({ page }) => {
    await signIn(page, centre.url, "admin", ADMIN_PASSWORD);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });
});
