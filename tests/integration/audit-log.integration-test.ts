import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditPage } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("audit log: names instead of ids, filters, paging and CSV export", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let siteId = "";
  let goneId = "";
  const startedAt = new Date().toISOString();

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    await admin.ok("POST", "/api/v1/users", { username: "olga", password: "olga-password-1", role: "operator" });
    const olga = await ApiClient.signIn(centre.url, "olga", "olga-password-1");
    siteId = (await olga.createSite("hamburg-1")).id;
    await olga.ok("PATCH", `/api/v1/sites/${siteId}`, { name: "hamburg-main", location: 'Dock "A", gate 3' });
    goneId = (await admin.createSite("closed-shop")).id;
    await admin.ok("DELETE", `/api/v1/sites/${goneId}`);
    for (let i = 0; i < 30; i++) await admin.createSite(`filler-${String(i).padStart(2, "0")}`);
  });
  afterAll(async () => {
    await centre?.stop();
    await db?.drop();
  });

  const page = (query: string) => admin.ok<AuditPage>("GET", `/api/v1/audit/events?${query}`);

  it("names targets as they are called now, links only those that still exist, and keeps the recorded name of deleted ones", async () => {
    const { items } = await page("targetType=site&q=hamburg");
    expect(items.length).toBe(2);
    for (const e of items) expect(e).toMatchObject({ targetId: siteId, targetName: "hamburg-main", targetExists: true });
    const update = items.find((e) => e.action === "site.update")!;
    expect(update.details).toMatchObject({ changes: { name: { from: "hamburg-1", to: "hamburg-main" }, location: { from: "", to: 'Dock "A", gate 3' } } });
    const gone = await page(`q=${goneId}`);
    expect(gone.items.map((e) => e.action).sort()).toEqual(["site.create", "site.delete"]);
    for (const e of gone.items) expect(e).toMatchObject({ targetName: "closed-shop", targetExists: false });
  });

  it("filters by actor, by one action or a family of actions, by target type and by time", async () => {
    const byOlga = await page("actor=olga");
    expect(byOlga.items.map((e) => e.action).sort()).toEqual(["auth.login", "site.create", "site.update"]);
    expect(byOlga.actors).toEqual(expect.arrayContaining(["admin", "olga"]));
    expect(byOlga.actions).toEqual(expect.arrayContaining(["site.create", "site.delete", "user.create"]));
    expect((await page("action=site.delete")).total).toBe(1);
    expect((await page("action=site.")).total).toBe(2 + 2 + 30);
    expect((await page("targetType=user&action=user.create")).items.map((e) => e.targetName)).toEqual(["olga"]);
    expect((await page("targetType=user&actor=olga")).items.map((e) => e.action)).toEqual(["auth.login"]);
    expect((await page(`from=${encodeURIComponent(startedAt)}&action=site.`)).total).toBe(34);
    expect((await page(`to=${encodeURIComponent(startedAt)}&action=site.`)).total).toBe(0);
  });

  it("pages newest first without gaps, and answers a page past the end with the last page", async () => {
    const all = await page("pageSize=200");
    const seen: string[] = [];
    for (let p = 1; p <= Math.ceil(all.total / 10); p++) seen.push(...(await page(`pageSize=10&page=${p}`)).items.map((e) => e.id));
    expect(seen).toEqual(all.items.map((e) => e.id));
    expect(all.items.map((e) => e.at)).toEqual([...all.items.map((e) => e.at)].sort().reverse());
    expect((await page("pageSize=10&page=999")).page).toBe(Math.ceil(all.total / 10));
  });

  it("refuses bad filters with a clear error, and anyone but an admin", async () => {
    const bad = await admin.call<{ error: { message: string } }>("GET", "/api/v1/audit/events?from=yesterday");
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/from is a date and time/);
    const olga = await ApiClient.signIn(centre.url, "olga", "olga-password-1");
    expect((await olga.call("GET", "/api/v1/audit/events")).status).toBe(403);
    expect((await olga.call("GET", "/api/v1/audit/export")).status).toBe(403);
  });

  it("exports the filtered log as CSV: a header, one quoted line per event, names included", async () => {
    const res = await fetch(`${centre.url}/api/v1/audit/export?targetType=site&q=hamburg`, { headers: { cookie: admin.sessionCookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="outpost-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("time,actor,action,target type,target id,target name,details");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,olga,site.update,site,${siteId},hamburg-main,"{""name"":""hamburg-main"",""changes""`);
    expect(lines[1]).toContain('Dock \\""A\\"", gate 3');
  });
});
