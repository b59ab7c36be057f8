import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEventView, ClusterSummary, SiteView } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("sites and clusters: moving clusters, deleting a site that has clusters, audit of what changed", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await centre?.stop();
    await db?.drop();
  });

  const register = async (siteId: string, name: string): Promise<string> => {
    const { token } = await admin.createRegistrationToken(siteId, name);
    return (await new ApiClient(centre.url).ok<{ clusterId: string }>("POST", "/api/v1/agent/register", { registrationToken: token, agentVersion: "test", simulated: true })).clusterId;
  };
  const newestAudit = async () => (await admin.ok<AuditEventView[]>("GET", "/api/v1/audit?limit=1"))[0]!;
  const auditCount = async () => (await admin.ok<AuditEventView[]>("GET", "/api/v1/audit?limit=1000")).length;
  const siteOf = async (clusterId: string) => (await admin.ok<ClusterSummary>("GET", `/api/v1/clusters/${clusterId}`)).siteName;

  it("moves a cluster to another site, records the move by site names, and refuses a site that does not exist", async () => {
    const from = await admin.createSite("move-from");
    const to = await admin.createSite("move-to");
    const id = await register(from.id, "move-me");

    await admin.ok("PATCH", `/api/v1/clusters/${id}`, { siteId: to.id });
    expect(await siteOf(id)).toBe("move-to");
    expect(await newestAudit()).toMatchObject({ action: "cluster.move", targetId: id, details: { name: "move-me", changes: { site: { from: "move-from", to: "move-to" } } } });

    const before = await auditCount();
    const missing = await admin.call("PATCH", `/api/v1/clusters/${id}`, { siteId: "nosuchsite0000000000000000" });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ error: { issues: [{ path: "siteId" }] } });
    expect((await admin.call("PATCH", `/api/v1/clusters/${id}`, {})).status).toBe(422);
    // Moving to the site it is already at changes nothing and records nothing.
    await admin.ok("PATCH", `/api/v1/clusters/${id}`, { siteId: to.id });
    expect(await auditCount()).toBe(before);
    expect(await siteOf(id)).toBe("move-to");
  });

  it("records label changes one by one, and nothing for a save that changes nothing", async () => {
    const site = await admin.createSite("labels-site");
    const id = await register(site.id, "labelled");
    await admin.ok("PATCH", `/api/v1/clusters/${id}`, { labels: { env: "prod", tier: "a" } });
    await admin.ok("PATCH", `/api/v1/clusters/${id}`, { labels: { env: "staging", beta: "true" } });
    expect((await newestAudit()).details).toEqual({
      name: "labelled",
      changes: { "label env": { from: "prod", to: "staging" }, "label tier": { from: "a", to: null }, "label beta": { from: null, to: "true" } },
    });
    const before = await auditCount();
    await admin.ok("PATCH", `/api/v1/clusters/${id}`, { labels: { beta: "true", env: "staging" } });
    await admin.ok("PATCH", `/api/v1/sites/${site.id}`, { name: "labels-site", location: "" });
    expect(await auditCount()).toBe(before);
    await admin.ok("PATCH", `/api/v1/sites/${site.id}`, { name: "labels-site", location: "Hall 3" });
    expect((await newestAudit()).details).toEqual({ name: "labels-site", changes: { location: { from: "", to: "Hall 3" } } });
  });

  it("refuses to delete a site with clusters unless they move to another site, then moves them all and deletes it", async () => {
    const closing = await admin.createSite("closing-shop");
    const keeping = await admin.createSite("keeping-shop");
    const ids = [await register(closing.id, "closing-a"), await register(closing.id, "closing-b")];

    const refused = await admin.call<{ error: { message: string } }>("DELETE", `/api/v1/sites/${closing.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/still has 2 clusters: move them to another site/);
    expect((await admin.call("DELETE", `/api/v1/sites/${closing.id}?moveClustersTo=${closing.id}`)).status).toBe(422);
    expect((await admin.call("DELETE", `/api/v1/sites/${closing.id}?moveClustersTo=nosuchsite0000000000000000`)).status).toBe(422);
    expect((await admin.ok<SiteView[]>("GET", "/api/v1/sites")).some((s) => s.id === closing.id)).toBe(true);
    for (const id of ids) expect(await siteOf(id)).toBe("closing-shop");

    expect(await admin.ok("DELETE", `/api/v1/sites/${closing.id}?moveClustersTo=${keeping.id}`)).toEqual({ ok: true, movedClusters: 2 });
    for (const id of ids) expect(await siteOf(id)).toBe("keeping-shop");
    expect((await admin.ok<SiteView[]>("GET", "/api/v1/sites")).some((s) => s.id === closing.id)).toBe(false);
    expect(await newestAudit()).toMatchObject({ action: "site.delete", targetId: closing.id, details: { name: "closing-shop", movedClusters: 2, movedTo: "keeping-shop" } });
  });

  it("records which API token was revoked: its name, when it was made and last used", async () => {
    const { id } = await admin.ok<{ id: string }>("POST", "/api/v1/api-tokens", { name: "ci-pipeline" });
    await admin.ok("DELETE", `/api/v1/api-tokens/${id}`);
    expect(await newestAudit()).toMatchObject({ action: "api-token.revoke", targetId: id, details: { name: "ci-pipeline", lastUsedAt: "never" } });
    const blank = await admin.call<{ error: { issues: { message: string }[] } }>("POST", "/api/v1/api-tokens", { name: "  " });
    expect(blank.status).toBe(422);
    expect(blank.body.error.issues[0]!.message).toBe("a name is required, e.g. ci-pipeline");
  });
});
