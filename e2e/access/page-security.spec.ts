import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD } from "../../tests/support/centre";
import { signIn, startSimulatedFleet, type SimulatedFleet } from "../support/fleet-fixture";

let fleet: SimulatedFleet;

test.beforeAll(async () => {
  fleet = await startSimulatedFleet(["lisbon"]);
});
test.afterAll(async () => {
  await fleet?.stop();
});

test("pages carry a strict nonce-based CSP that forbids framing, and run with no CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  const login = await page.goto(`${fleet.centre.url}/login`);
  const csp = (await login!.headerValue("content-security-policy")) ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(await login!.headerValue("x-frame-options")).toBe("DENY");

  // Scripts run (sign-in, live updates over the socket, client navigation): the nonce reaches them.
  await signIn(page, fleet.centre.url, "admin", ADMIN_PASSWORD);
  await expect(page.getByRole("link", { name: "lisbon-k3s", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "lisbon-k3s", exact: true }).click();
  await expect(page.getByRole("heading", { name: "lisbon-k3s" })).toBeVisible();
  await page.goto(`${fleet.centre.url}/no-such-page`);
  await expect(page.getByText(/not found/i).first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("another site cannot frame the console", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/frame-ancestors/.test(m.text())) refused.push(m.text());
  });
  await page.setContent(`<iframe src="${fleet.centre.url}/login" width="600" height="400"></iframe>`);
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  const frame = page.frames().find((f) => f.url().includes("/login"));
  expect(await frame?.locator("input").count().catch(() => 0) ?? 0).toBe(0);
});
