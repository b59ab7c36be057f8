/**
 * npm run bench:dashboard — the fleet list at 2,000 clusters (issue 13's targets: API p95 < 150 ms
 * for any filter, sort and page; the first 50 rows on screen < 1 s after navigation).
 *
 * Two centres on fresh SQLite files, seeded with the same mix straight into the database
 * (tests/support/seed-fleet.ts): a BIG fleet (BENCH_CLUSTERS, 2,000) and a SMALL one (50
 * clusters, the baseline). Every figure is measured on both in the same run, interleaved, so the
 * ratio says what the size costs, whatever the load on the machine. The API part also times
 * GET /api/v1/me (an authenticated request that reads nothing) as the floor of any request.
 * Needs `npm run build`. Prints figures; asserts nothing.
 *
 * Knobs (environment): BENCH_CLUSTERS (2000), BENCH_SITES (300), BENCH_ROUNDS (20, per query),
 * BENCH_RENDERS (10, page loads per fleet).
 */
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../../tests/support/centre";
import { seedFleet } from "../../tests/support/seed-fleet";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { percentile } from "./reconnect/stats";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return v;
};
const CLUSTERS = num("BENCH_CLUSTERS", 2000);
const SITES = num("BENCH_SITES", 300);
const ROUNDS = num("BENCH_ROUNDS", 20);
const RENDERS = num("BENCH_RENDERS", 10);
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const progress = (line: string) => process.stderr.write(`[bench:dashboard] ${line}\n`);

/** Filters, sorts and pages a fleet team uses; the last page is asked for by a page past the end. */
const QUERIES = [
  "",
  "status=offline",
  "status=offline,degraded&sort=name",
  "problem=nodes-not-ready",
  "problem=workloads-unhealthy&sort=lastSeen&dir=desc",
  "q=pos-api",
  "q=registry.local%2Fpos%2Fpos-api%3A1.4.2",
  "selector=kind+in+(store%2Cfactory)%2Cregion+notin+(apac)",
  "selector=!beta",
  "k3s=v1.32.9%2Bk3s1&sort=site",
  "sort=name&dir=desc&page=20",
  "sort=k3s&page=9999",
  "group=site&pageSize=200",
];

interface Fleet {
  label: string;
  db: TestDatabase;
  centre: Centre;
  admin: ApiClient;
  /** A site name both fleets have (the same seed names sites alike). */
  firstSite: string;
}

async function startFleet(label: string, clusters: number, sites: number): Promise<Fleet> {
  const db = await createTestDatabase();
  const centre = await startCentre({ databaseUrl: db.url });
  const seeded = await seedFleet(db.url, { sites, clusters, seed: 13 });
  const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  return { label, db, centre, admin, firstSite: seeded[0]!.site };
}

async function timeGet(client: ApiClient, path: string): Promise<number> {
  const t = performance.now();
  const res = await client.call("GET", path);
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
  return ms;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function benchApi(big: Fleet, small: Fleet): Promise<void> {
  const queries = [...QUERIES, `site=${encodeURIComponent(big.firstSite)}`];
  const times = new Map<string, number[]>();
  const add = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
  // Warm both centres (route compilation, query plans, caches) before measuring.
  for (const q of queries) for (const f of [big, small]) await timeGet(f.admin, `/api/v1/fleet?${q}`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of queries) {
      for (const f of [big, small]) add(`${f.label} ${q}`, await timeGet(f.admin, `/api/v1/fleet?${q}`));
    }
    add("me", await timeGet(big.admin, "/api/v1/me"));
  }
  const floor = percentile(times.get("me")!, 95);
  console.log(`\nAPI: GET /api/v1/fleet?…, ${ROUNDS} rounds per query, interleaved; floor GET /api/v1/me p95 ${fmt(floor)}`);
  console.log(`| query | ${big.label}: p50 / p95 | ${small.label}: p50 / p95 | p95 ratio big/small | p95 ratio big/floor |`);
  console.log("| --- | --- | --- | --- | --- |");
  const allBig: number[] = [];
  let worst = { q: "", p95: 0 };
  for (const q of queries) {
    const b = times.get(`${big.label} ${q}`)!;
    const s = times.get(`${small.label} ${q}`)!;
    allBig.push(...b);
    const p95 = percentile(b, 95);
    if (p95 > worst.p95) worst = { q, p95 };
    console.log(`| \`${q || "(default: problems first)"}\` | ${fmt(percentile(b, 50))} / ${fmt(p95)} | ${fmt(percentile(s, 50))} / ${fmt(percentile(s, 95))} | ${(p95 / percentile(s, 95)).toFixed(2)} | ${(p95 / floor).toFixed(2)} |`);
  }
  console.log(`all queries at ${CLUSTERS.toLocaleString("en")} clusters: p95 ${fmt(percentile(allBig, 95))}; worst query p95 ${fmt(worst.p95)} (${worst.q || "default"})`);
}

async function benchRender(big: Fleet, small: Fleet): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const pages = new Map<string, Awaited<ReturnType<typeof browser.newPage>>>();
    for (const f of [big, small]) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`${f.centre.url}/login`);
      await page.getByLabel("Username").fill("admin");
      await page.getByLabel("Password").fill(ADMIN_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${f.centre.url}/`);
      pages.set(f.label, page);
    }
    const times = new Map<string, number[]>();
    for (let i = 0; i <= RENDERS; i++) {
      for (const f of [big, small]) {
        const page = pages.get(f.label)!;
        await page.goto("about:blank");
        const t = performance.now();
        await page.goto(`${f.centre.url}/`, { waitUntil: "commit" });
        // Rows on screen: as many as the first page holds (50, or the whole small fleet).
        const rows = page.getByRole("table", { name: "Clusters" }).locator("tbody tr[data-status]");
        await rows.nth(49).waitFor({ state: "visible" });
        const ms = performance.now() - t;
        // The first load of each fleet warms caches; it is not counted.
        if (i > 0) times.set(f.label, [...(times.get(f.label) ?? []), ms]);
      }
    }
    const b = times.get(big.label)!;
    const s = times.get(small.label)!;
    console.log(`\nPage: navigation → 50th row visible (desktop 1440 × 900, Chromium), ${RENDERS} loads per fleet, interleaved`);
    console.log("| fleet | p50 | p95 | max |");
    console.log("| --- | --- | --- | --- |");
    for (const [label, xs] of [[big.label, b], [small.label, s]] as const) console.log(`| ${label} | ${fmt(percentile(xs, 50))} | ${fmt(percentile(xs, 95))} | ${fmt(Math.max(...xs))} |`);
    console.log(`p50 ratio ${big.label}/${small.label}: ${(percentile(b, 50) / percentile(s, 50)).toFixed(2)}`);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  console.log(`bench:dashboard — load average at the start ${loadavg()} (2 cores; other work on the machine skews every figure)`);
  const fleets: Fleet[] = [];
  try {
    progress(`seeding ${CLUSTERS} clusters on ${SITES} sites, and the 50-cluster baseline`);
    const big = await startFleet(`${CLUSTERS.toLocaleString("en")} clusters`, CLUSTERS, SITES);
    fleets.push(big);
    const small = await startFleet("50 clusters", 50, 10);
    fleets.push(small);
    progress("API");
    await benchApi(big, small);
    progress("page render");
    await benchRender(big, small);
    console.log(`\nload average at the end ${loadavg()}`);
  } finally {
    for (const f of fleets) {
      await f.centre.stop().catch(() => undefined);
      await f.db.drop().catch(() => undefined);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
