// The end of one `npm test` run (scripts/test.sh): a row per layer, then ONE line that counts
// every layer (passed, failed, skipped) and every test. Exits 1 when a layer failed.
//
//   node scripts/summarize-test-results.mjs RESULTS_DIR
//
// RESULTS_DIR/layers.tsv has one row per layer: name, passed|failed|skipped, the file name of its
// JSON report in RESULTS_DIR ("-" for none) and a note. Reports are vitest's JSON reporter,
// Playwright's JSON reporter, or `vitest list --json` (the tests of a layer that was skipped).
// Plain Node on purpose: it must run even when `npm install` did not.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */

/** Test counts of one JSON report, or null when the file is missing or not a known report. */
export function countTests(file) {
  if (!existsSync(file)) return null;
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
  if (Array.isArray(report)) return { passed: 0, failed: 0, skipped: report.length }; // vitest list
  if (report?.stats && "expected" in report.stats) {
    // Playwright: a test that passed on its retry is "flaky", and it passed. An error outside any
    // test (e.g. a focused test refused by forbidOnly, a broken spec file) is a failure too.
    const s = report.stats;
    return { passed: s.expected + (s.flaky ?? 0), failed: s.unexpected + (report.errors?.length ?? 0), skipped: s.skipped };
  }
  if (typeof report?.numTotalTests === "number") {
    // A file that failed without a failed test (its import or a beforeAll threw; its tests show
    // as skipped) counts as one failure.
    const brokenFiles = (report.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed")).length;
    return { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles, skipped: report.numPendingTests + (report.numTodoTests ?? 0) };
  }
  return null;
}

/** Names of the failed tests in one JSON report ("file › title"), so a CI log's tail says what failed. */
export function failedTests(file) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return [];
  }
  const names = [];
  if (report?.suites) {
    // Playwright: suites nest; a spec's tests carry results, the last one decides.
    const walk = (suite, outer) => {
      const path = suite.title && !suite.title.endsWith(".ts") ? [...outer, suite.title] : outer; // file suites add nothing
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests ?? []) if (t.status === "unexpected") names.push(`${spec.file}:${spec.line} › ${[...path, spec.title].join(" › ")}`);
      for (const child of suite.suites ?? []) walk(child, path);
    };
    for (const s of report.suites) walk(s, []);
    for (const e of report.errors ?? []) names.push(`(outside any test) ${String(e.message ?? "").split("\n")[0]}`);
  }
  for (const f of report?.testResults ?? []) {
    const failed = (f.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failed) names.push(`${f.name} › ${a.fullName ?? a.title}`);
    if (f.status === "failed" && failed.length === 0) names.push(`${f.name} (file failed: ${String(f.message ?? "").split("\n")[0]})`);
  }
  return names;
}

/** Reads layers.tsv and the reports; returns the rows, the totals and the closing line. */
export function summarize(dir) {
  const rows = readFileSync(join(dir, "layers.tsv"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name, status, report, note = ""] = line.split("\t");
      const tests = report && report !== "-" ? countTests(join(dir, report)) : null;
      let final = status;
      let why = note;
      // The exit status decides, but a report that shows failures fails the layer too.
      if (status === "passed" && tests && tests.failed > 0) final = "failed";
      if (status === "passed" && report !== "-" && !tests) {
        final = "failed";
        why = `${note}; no test report written`;
      }
      const failures = report && report !== "-" ? failedTests(join(dir, report)) : [];
      return { name, status: final, note: why, tests, failures };
    });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const r of rows) {
    if (!r.tests) continue;
    totals.passed += r.tests.passed;
    totals.failed += r.tests.failed;
    totals.skipped += r.tests.skipped;
  }
  const by = (status) => rows.filter((r) => r.status === status);
  const list = (status, withNote) => {
    const named = by(status).map((r) => (withNote && r.note ? `${r.name}: ${r.note}` : r.name));
    return named.length ? ` (${named.join(", ")})` : "";
  };
  const line =
    `${rows.length} ${rows.length === 1 ? "layer" : "layers"}: ${by("passed").length} passed, ${by("failed").length} failed${list("failed", false)}, ` +
    `${by("skipped").length} skipped${list("skipped", true)} · tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
  return { rows, totals, line, ok: by("failed").length === 0 && rows.length > 0 };
}

function table(rows) {
  const width = Math.max(...rows.map((r) => r.name.length));
  return rows
    .map((r) => {
      const tests = r.tests ? `${r.tests.passed} passed, ${r.tests.failed} failed, ${r.tests.skipped} skipped` : "";
      return `  ${r.name.padEnd(width)}  ${r.status.padEnd(7)}  ${[tests, r.note].filter(Boolean).join("; ")}`;
    })
    .join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node scripts/summarize-test-results.mjs RESULTS_DIR");
    process.exit(2);
  }
  const { rows, line, ok } = summarize(dir);
  const failures = rows.flatMap((r) => r.failures.map((f) => `  ${r.name}: ${f}`));
  if (failures.length) console.log(`\nfailed tests:\n${failures.join("\n")}`);
  console.log(`\nlayers (reports in ${dir}):\n${table(rows)}\n\n${line}`);
  process.exit(ok ? 0 : 1);
}
