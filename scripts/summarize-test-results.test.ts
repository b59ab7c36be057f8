import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const SCRIPT = join(import.meta.dirname, "summarize-test-results.mjs");
const dirs: string[] = [];

/** Runs the summarizer over a results dir made of the given layer rows and report files. */
function summarize(layers: string[][], reports: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "outpost-summary-test-"));
  dirs.push(dir);
  writeFileSync(join(dir, "layers.tsv"), layers.map((l) => `${l.join("\t")}\n`).join(""));
  for (const [file, body] of Object.entries(reports)) writeFileSync(join(dir, file), JSON.stringify(body));
  const run = spawnSync(process.execPath, [SCRIPT, dir], { encoding: "utf8" });
  const lines = run.stdout.trim().split("\n");
  return { code: run.status, last: lines[lines.length - 1], out: run.stdout };
}

const vitestReport = (passed: number, failed: number, pending = 0) => ({ numTotalTests: passed + failed + pending, numPassedTests: passed, numFailedTests: failed, numPendingTests: pending, numTodoTests: 0 });
const playwrightReport = (expected: number, unexpected: number, flaky = 0, skipped = 0) => ({ stats: { expected, unexpected, flaky, skipped }, suites: [], errors: [] });

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("summarize-test-results", () => {
  it("ends with one line counting every layer, skipped ones with their reason, and every test", () => {
    const r = summarize(
      [
        ["typecheck", "passed", "-", "12 s"],
        ["unit", "passed", "unit.json", "9 s"],
        ["faults", "skipped", "faults-list.json", "needs root: sudo -E bash scripts/fault-tests.sh"],
        ["e2e", "passed", "e2e.json", "80 s"],
      ],
      { "unit.json": vitestReport(10, 0, 2), "faults-list.json": [{ name: "a" }, { name: "b" }, { name: "c" }], "e2e.json": playwrightReport(4, 0, 1) },
    );
    expect(r.code).toBe(0);
    expect(r.last).toBe("4 layers: 3 passed, 0 failed, 1 skipped (faults: needs root: sudo -E bash scripts/fault-tests.sh) · tests: 15 passed, 0 failed, 5 skipped");
  });

  it("fails the run and names the layer when a layer failed, and still counts the layers after it", () => {
    const r = summarize(
      [
        ["lint", "failed", "-", "exit 1 after 20 s"],
        ["unit", "passed", "unit.json", "9 s"],
        ["build", "failed", "-", "exit 2 after 30 s"],
        ["integration-sqlite", "skipped", "integration-sqlite.json", "needs build"],
      ],
      { "unit.json": vitestReport(3, 0) },
    );
    expect(r.code).toBe(1);
    expect(r.last).toBe("4 layers: 1 passed, 2 failed (lint, build), 1 skipped (integration-sqlite: needs build) · tests: 3 passed, 0 failed, 0 skipped");
  });

  it("fails a layer whose report shows failed tests even when its command exited 0", () => {
    const r = summarize([["unit", "passed", "unit.json", "9 s"]], { "unit.json": vitestReport(3, 1) });
    expect(r.code).toBe(1);
    expect(r.last).toBe("1 layer: 0 passed, 1 failed (unit), 0 skipped · tests: 3 passed, 1 failed, 0 skipped");
  });

  it("fails a layer that should have written a test report and did not", () => {
    const r = summarize([["e2e", "passed", "e2e.json", "80 s"]]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/e2e +failed +80 s; no test report written/);
  });

  it("counts a test file whose set-up failed (its tests skipped) as a failure", () => {
    const report = { ...vitestReport(1, 0, 2), testResults: [{ status: "failed", message: "beforeAll: boom", assertionResults: [{ status: "skipped" }, { status: "skipped" }] }, { status: "passed", assertionResults: [{ status: "passed" }] }] };
    const r = summarize([["integration-sqlite", "failed", "i.json", "exit 1 after 60 s"]], { "i.json": report });
    expect(r.code).toBe(1);
    expect(r.last).toBe("1 layer: 0 passed, 1 failed (integration-sqlite), 0 skipped · tests: 1 passed, 1 failed, 2 skipped");
  });

  it("counts an error outside any Playwright test (a refused .only) as a failure", () => {
    const report = { ...playwrightReport(0, 0), errors: [{ message: "item focused with '.only' is not allowed due to the 'forbidOnly' option" }] };
    const r = summarize([["e2e", "failed", "e2e.json", "exit 1 after 5 s"]], { "e2e.json": report });
    expect(r.code).toBe(1);
    expect(r.last).toBe("1 layer: 0 passed, 1 failed (e2e), 0 skipped · tests: 0 passed, 1 failed, 0 skipped");
  });

  it("counts a failed layer's tests from its report", () => {
    const r = summarize([["e2e", "failed", "e2e.json", "exit 1 after 80 s"]], { "e2e.json": playwrightReport(5, 2) });
    expect(r.code).toBe(1);
    expect(r.last).toContain("tests: 5 passed, 2 failed, 0 skipped");
  });
  it("names every failed test (vitest and Playwright) before the layer table, so a log's tail says what failed", () => {
    const unit = { ...vitestReport(1, 1), testResults: [{ name: "/repo/a.test.ts", status: "failed", assertionResults: [{ status: "passed", fullName: "ok" }, { status: "failed", fullName: "suite adds numbers" }] }] };
    const e2e = {
      ...playwrightReport(0, 1),
      suites: [{ title: "fleet.spec.ts", specs: [], suites: [{ title: "desktop", specs: [{ title: "filters", file: "fleet.spec.ts", line: 25, tests: [{ status: "unexpected" }] }] }] }],
    };
    const r = summarize(
      [
        ["unit", "failed", "unit.json", "9 s"],
        ["e2e", "failed", "e2e.json", "80 s"],
      ],
      { "unit.json": unit, "e2e.json": e2e },
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain("failed tests:\n  unit: /repo/a.test.ts › suite adds numbers\n  e2e: fleet.spec.ts:25 › desktop › filters\n");
  });
});
