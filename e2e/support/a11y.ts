import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now; fails on any serious or critical violation, listing them. */
export async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n").join(" ")}`).join("\n")}`);
  expect(report, `axe on ${what}`).toEqual([]);
}

/** The two screens every page must work on. */
export const VIEWPORTS = [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 390, height: 844 } },
] as const;

/** Fails when the page scrolls sideways: everything must fit the screen's width. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  // A string runs in the page: this project's TypeScript has no DOM types.
  const [scroll, width] = (await page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")) as [number, number];
  expect(scroll, "page width beyond the screen").toBeLessThanOrEqual(width);
}
