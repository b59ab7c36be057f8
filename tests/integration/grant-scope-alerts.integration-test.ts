// Alerts and bundles within grants: a viewer granted site berlin only hears of berlin's outage
// and not of paris's (notification list, live socket, firing alerts), sees only the rules that can
// cover berlin's cluster, and counts only berlin's cluster in a bundle's targets. Simulated agents.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertRuleView, AlertView, BundleDetail, BundleView, NotificationPage, NotificationView } from "@outpost/cluster-core";
import { startAgent, type AgentProcess } from "../support/agent";
import { ApiClient } from "../support/api-client";
import { cliEnv, createAndPushBundle, tempDir } from "../support/bundles";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { openUiSocket } from "../support/ui-socket";

describe("alerts, notifications and bundle counts within a grant scoped to one site", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let bert: ApiClient;
  let otto: ApiClient;
  const agents: Record<string, AgentProcess> = {};
  const clusterIds: Record<string, string> = {};
  const siteIds: Record<string, string> = {};
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_ALERT_INTERVAL_MS: "1000" } });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    for (const city of ["berlin", "paris"]) {
      siteIds[city] = (await admin.createSite(city)).id;
      const { token } = await admin.createRegistrationToken(siteIds[city]!, `${city}-1`, { city });
      agents[city] = startAgent({ server: centre.url, registrationToken: token, simulate: `${city}-1` });
    }
    const online = await eventually(() => admin.clusters(), (cs) => cs.length === 2 && cs.every((c) => c.status === "online"), "both clusters online", 60_000);
    for (const c of online) clusterIds[c.siteName] = c.id;
    await admin.ok("POST", "/api/v1/users", { username: "bert", password: "bert-password-1", role: "viewer", clusterAccess: "none" });
    await admin.ok("POST", "/api/v1/users", { username: "otto", password: "otto-password-1", role: "operator", clusterAccess: "all" });
    const users = await admin.ok<{ id: string; username: string }[]>("GET", "/api/v1/users");
    await admin.ok("POST", "/api/v1/grants", { subject: { kind: "user", userId: users.find((u) => u.username === "bert")!.id }, role: "viewer", scope: { kind: "site", siteId: siteIds.berlin } });
    bert = await ApiClient.signIn(centre.url, "bert", "bert-password-1");
    otto = await ApiClient.signIn(centre.url, "otto", "otto-password-1");
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(Object.values(agents).map((a) => a.stop()));
    await centre?.stop();
    await db?.drop();
  });

  it("lets only admins change alert rules and channels", async () => {
    const channel = await otto.call("POST", "/api/v1/alert-channels", { name: "ops-mail", kind: "email", to: "ops@example.test" });
    expect(channel.status).toBe(403);
    const { id: channelId } = await admin.ok<{ id: string }>("POST", "/api/v1/alert-channels", { name: "ops-mail", kind: "email", to: "ops@example.test" });
    const rule = (name: string, scope: unknown) => ({ name, condition: "cluster-offline", forSeconds: 0, scope, channelIds: [channelId] });
    expect((await otto.call("POST", "/api/v1/alert-rules", rule("everything", { kind: "all" }))).status).toBe(403);
    await admin.ok("POST", "/api/v1/alert-rules", rule("Anything offline", { kind: "all" }));
    await admin.ok("POST", "/api/v1/alert-rules", rule("Berlin offline", { kind: "site", siteId: siteIds.berlin }));
    await admin.ok("POST", "/api/v1/alert-rules", rule("Paris offline", { kind: "site", siteId: siteIds.paris }));
    await admin.ok("POST", "/api/v1/alert-rules", rule("Paris by label", { kind: "selector", selector: "city=paris" }));
    const paris = (await admin.ok<AlertRuleView[]>("GET", "/api/v1/alert-rules")).find((r) => r.name === "Paris offline")!;
    expect((await otto.call("PATCH", `/api/v1/alert-rules/${paris.id}`, { enabled: false })).status).toBe(403);
    expect((await otto.call("DELETE", `/api/v1/alert-rules/${paris.id}`)).status).toBe(403);
    expect((await otto.call("DELETE", `/api/v1/alert-channels/${channelId}`)).status).toBe(403);
  });

  it("shows a user granted berlin only the rules that can cover berlin's cluster", async () => {
    expect((await bert.ok<AlertRuleView[]>("GET", "/api/v1/alert-rules")).map((r) => r.name)).toEqual(["Anything offline", "Berlin offline"]);
    expect((await admin.ok<AlertRuleView[]>("GET", "/api/v1/alert-rules")).map((r) => r.name)).toEqual(["Anything offline", "Berlin offline", "Paris by label", "Paris offline"]);
  });

  it("notifies a user granted berlin of berlin's outage but not of paris's (list, live socket, firing alerts)", async () => {
    const live: NotificationView[] = [];
    sockets.push(await openUiSocket(centre.url, bert.sessionCookie!, (s) => s.on("notification:new", (n: NotificationView) => live.push(n))));
    // Paris goes down first: by the time berlin's notices arrive, paris's were sent.
    await agents.paris!.stop();
    const firingOn = (cluster: string) => (p: NotificationPage) => p.items.some((n) => n.clusterId === clusterIds[cluster] && n.event === "firing");
    await eventually(() => admin.ok<NotificationPage>("GET", "/api/v1/notifications"), firingOn("paris"), "paris's outage notified", 60_000);
    await agents.berlin!.stop();
    await eventually(() => admin.ok<NotificationPage>("GET", "/api/v1/notifications"), firingOn("berlin"), "berlin's outage notified", 60_000);
    await eventually(async () => live, (l) => l.some((n) => n.clusterId === clusterIds.berlin), "berlin's notice on bert's socket");

    const listed = await bert.ok<NotificationPage>("GET", "/api/v1/notifications");
    expect(new Set(listed.items.map((n) => n.clusterId))).toEqual(new Set([clusterIds.berlin]));
    expect(listed.unread).toBe(listed.items.length);
    expect(live.filter((n) => n.clusterId !== clusterIds.berlin)).toEqual([]);
    expect(new Set((await bert.ok<AlertView[]>("GET", "/api/v1/alerts")).map((a) => a.clusterName))).toEqual(new Set(["berlin-1"]));
    expect(new Set((await admin.ok<AlertView[]>("GET", "/api/v1/alerts")).map((a) => a.clusterName))).toEqual(new Set(["berlin-1", "paris-1"]));
    // Firing counts cover the caller's clusters: "Anything offline" fires on both, bert counts one.
    const counts = (rules: AlertRuleView[]) => Object.fromEntries(rules.map((r) => [r.name, r.firing]));
    expect(counts(await bert.ok<AlertRuleView[]>("GET", "/api/v1/alert-rules"))).toEqual({ "Anything offline": 1, "Berlin offline": 1 });
    expect(counts(await admin.ok<AlertRuleView[]>("GET", "/api/v1/alert-rules"))["Anything offline"]).toBe(2);
  });

  it("counts only the clusters the user may see among a bundle's targets", async () => {
    const dir = tempDir("grant-scope-bundle");
    writeFileSync(join(dir, "app.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scoped\ndata:\n  a: b\n");
    const bundle = await createAndPushBundle(admin, await cliEnv(centre.url, admin), "scoped", join(dir, "out"), ["--manifest", join(dir, "app.yaml")]);
    for (const city of ["berlin", "paris"]) await admin.ok("POST", `/api/v1/bundles/${bundle.id}/assignments`, { clusterId: clusterIds[city] });
    const targeted = (views: BundleView[]) => views.find((b) => b.id === bundle.id)!.targetedClusters;
    expect(targeted(await admin.ok<BundleView[]>("GET", "/api/v1/bundles"))).toBe(2);
    expect(targeted(await bert.ok<BundleView[]>("GET", "/api/v1/bundles"))).toBe(1);
    const detail = await bert.ok<BundleDetail>("GET", `/api/v1/bundles/${bundle.id}`);
    expect({ targeted: detail.targetedClusters, clusters: detail.clusters.map((c) => c.clusterName) }).toEqual({ targeted: 1, clusters: ["berlin-1"] });
  });
});
