import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertChannelView, AlertNotice, AlertRuleView, AlertView, ApiErrorBody, ChannelTestResult, ClusterHistoryView, FleetPage, NotificationPage } from "@outpost/cluster-core";
import { startAgent, type AgentProcess } from "../support/agent";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const DELAY_SECONDS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("alerts: a dead agent reaches a real webhook receiver and a real SMTP server, once, and so does its return", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let hooks: WebhookReceiver;
  let smtp: SmtpSink;
  let agent: AgentProcess;
  let token: string;
  let clusterId: string;

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    smtp = await startSmtpSink();
    db = await createTestDatabase();
    centre = await startCentre({
      databaseUrl: db.url,
      env: { OUTPOST_SMTP_URL: smtp.url, OUTPOST_SMTP_FROM: "Outpost <alerts@outpost.test>", OUTPOST_ALERT_INTERVAL_MS: "1000", OUTPOST_PUBLIC_URL: "https://outpost.example" },
    });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    const site = await admin.createSite("store-berlin", { kind: "store" });
    await admin.createSite("factory-lyon", { kind: "factory" });
    token = (await admin.createRegistrationToken(site.id, "store-berlin-k3s", { kind: "store" })).token;
    agent = startAgent({ server: centre.url, registrationToken: token, simulate: "store-berlin-k3s" });
    const [online] = await eventually(() => admin.clusters(), (cs) => cs[0]?.status === "online", "agent online", 30_000);
    clusterId = online!.id;
  });
  afterAll(async () => {
    await agent?.stop();
    await centre?.stop();
    await db?.drop();
    await smtp?.stop();
    await hooks?.stop();
  });

  const webhooks = (path: string) => hooks.received.filter((r) => r.path === path);
  const events = (path: string) => webhooks(path).map((r) => (path === "/json" ? (r.body as AlertNotice).event : String((r.body as { text: string }).text).split(" ")[0]));

  it("refuses channels and rules it cannot use, with a clear message", async () => {
    const badUrl = await admin.call<ApiErrorBody>("POST", "/api/v1/alert-channels", { name: "x", kind: "webhook", url: "ftp://example" });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.error.message).toMatch(/http/);
    const badMail = await admin.call<ApiErrorBody>("POST", "/api/v1/alert-channels", { name: "x", kind: "email", to: "ops at example" });
    expect(badMail.status).toBe(422);
    const badSelector = await admin.call<ApiErrorBody>("POST", "/api/v1/alert-rules", { name: "x", condition: "cluster-offline", forSeconds: 60, scope: { kind: "selector", selector: "kind in (" }, channelIds: ["nope"] });
    expect(badSelector.status).toBe(422);
    expect(await admin.ok<AlertRuleView[]>("GET", "/api/v1/alert-rules")).toEqual([]);
  });

  it("sends a test message to each channel on request, and keeps webhook URLs out of every answer", async () => {
    const json = await admin.ok<AlertChannelView>("POST", "/api/v1/alert-channels", { name: "ops-json", kind: "webhook", url: `${hooks.url}/json?token=s3cret` });
    const slack = await admin.ok<AlertChannelView>("POST", "/api/v1/alert-channels", { name: "ops-slack", kind: "slack", url: `${hooks.url}/slack` });
    const mail = await admin.ok<AlertChannelView>("POST", "/api/v1/alert-channels", { name: "ops-mail", kind: "email", to: "ops@example.test, oncall@example.test" });
    expect(JSON.stringify(await admin.ok("GET", "/api/v1/alert-channels"))).not.toContain("s3cret");
    for (const c of [json, slack, mail]) expect(await admin.ok<ChannelTestResult>("POST", `/api/v1/alert-channels/${c.id}/test`)).toMatchObject({ ok: true });
    expect(webhooks("/json?token=s3cret")).toHaveLength(1);
    expect((webhooks("/json?token=s3cret")[0]!.body as AlertNotice).event).toBe("test");
    expect(smtp.messages()).toHaveLength(1);
    expect(smtp.messages()[0]!.to).toEqual(["ops@example.test", "oncall@example.test"]);
    hooks.received.length = 0;
    // The test channel with the token is not needed any more; the others carry the real alerts.
    await admin.ok("DELETE", `/api/v1/alert-channels/${json.id}`);
    await admin.ok("POST", "/api/v1/alert-channels", { name: "ops-json-2", kind: "webhook", url: `${hooks.url}/json` });
  });

  it("a killed agent: one firing notice per channel within the rule's delay + 10 s; back again: one resolved notice each; the outage is in the history", async () => {
    const channels = await admin.ok<AlertChannelView[]>("GET", "/api/v1/alert-channels");
    const mailsBefore = smtp.messages().length;
    const berlin = (await admin.ok<{ id: string; name: string }[]>("GET", "/api/v1/sites")).find((s) => s.name === "store-berlin")!;
    await admin.ok("POST", "/api/v1/alert-rules", {
      name: "Shops offline",
      condition: "cluster-offline",
      forSeconds: DELAY_SECONDS,
      scope: { kind: "site", siteId: berlin.id },
      channelIds: channels.map((c) => c.id),
    });
    // A rule scoped elsewhere must stay silent.
    const lyon = (await admin.ok<{ id: string; name: string }[]>("GET", "/api/v1/sites")).find((s) => s.name === "factory-lyon")!;
    await admin.ok("POST", "/api/v1/alert-rules", { name: "Factories offline", condition: "cluster-offline", forSeconds: 0, scope: { kind: "site", siteId: lyon.id }, channelIds: channels.map((c) => c.id) });

    const killedAt = Date.now();
    await agent.kill();
    const deadline = (DELAY_SECONDS + 10) * 1000;
    await eventually(async () => [webhooks("/json").length, webhooks("/slack").length, smtp.messages().length - mailsBefore], (n) => n.every((x) => x >= 1), "firing notices", deadline + 5000);
    const arrived = Math.max(...[...webhooks("/json"), ...webhooks("/slack")].map((r) => r.at)) - killedAt;
    expect(arrived, "firing notice arrived ms after the kill").toBeLessThanOrEqual(deadline);
    expect(arrived, "not before the rule's delay").toBeGreaterThanOrEqual(DELAY_SECONDS * 1000);

    const notice = webhooks("/json")[0]!.body as AlertNotice;
    expect(notice).toMatchObject({ event: "firing", alert: { rule: { name: "Shops offline", condition: "cluster-offline" } }, cluster: { name: "store-berlin-k3s", site: "store-berlin", url: `https://outpost.example/clusters/${clusterId}` } });
    expect(String((webhooks("/slack")[0]!.body as { text: string }).text)).toContain("store-berlin-k3s (site store-berlin) is offline");
    const mail = smtp.messages().at(-1)!;
    expect(mail.subject).toBe("[Outpost] store-berlin-k3s (site store-berlin) is offline");
    expect(mail.from).toBe("alerts@outpost.test");

    // Several more evaluation rounds: still exactly one firing notice per channel.
    await sleep(4000);
    expect(events("/json")).toEqual(["firing"]);
    expect(webhooks("/slack")).toHaveLength(1);
    expect(smtp.messages().length - mailsBefore).toBe(1);
    const firing = await admin.ok<AlertView[]>("GET", "/api/v1/alerts");
    expect(firing.map((a) => [a.ruleName, a.clusterName, a.state])).toEqual([["Shops offline", "store-berlin-k3s", "firing"]]);

    agent = startAgent({ server: centre.url, registrationToken: token, simulate: "store-berlin-k3s", stateDir: agent.stateDir });
    await eventually(async () => events("/json"), (e) => e.includes("resolved"), "resolved notice", 30_000);
    await eventually(async () => smtp.messages().length - mailsBefore, (n) => n >= 2, "resolved e-mail", 10_000);
    await sleep(4000);
    expect(events("/json")).toEqual(["firing", "resolved"]);
    expect(events("/slack")).toEqual([":red_circle:", ":large_green_circle:"]);
    expect(smtp.messages().slice(mailsBefore).map((m) => m.subject)).toEqual([
      "[Outpost] store-berlin-k3s (site store-berlin) is offline",
      "[Outpost] Resolved: store-berlin-k3s (site store-berlin) is offline",
    ]);
    expect(await admin.ok<AlertView[]>("GET", "/api/v1/alerts")).toEqual([]);

    const history = await admin.ok<ClusterHistoryView>("GET", `/api/v1/clusters/${clusterId}/history?days=1`);
    expect(history.outages).toBe(1);
    expect(history.events.slice(0, 2).map((e) => [e.from, e.to, e.reason])).toEqual([
      ["offline", "online", "connected"],
      ["online", "offline", "disconnected"],
    ]);
    expect(history.offlineSeconds).toBeGreaterThanOrEqual(DELAY_SECONDS);
    const fleet = await admin.ok<FleetPage>("GET", "/api/v1/fleet");
    expect(fleet.items[0]?.outages24h).toBe(1);

    const inApp = await admin.ok<NotificationPage>("GET", "/api/v1/notifications");
    expect(inApp.items.map((n) => n.event)).toEqual(["resolved", "firing"]);
    expect(inApp.unread).toBe(2);
    await admin.ok("POST", "/api/v1/notifications/seen");
    expect((await admin.ok<NotificationPage>("GET", "/api/v1/notifications")).unread).toBe(0);
  });

  it("an outage shorter than the rule's delay sends nothing", async () => {
    const shops = (await admin.ok<AlertRuleView[]>("GET", "/api/v1/alert-rules")).find((r) => r.name === "Shops offline")!;
    await admin.ok("PATCH", `/api/v1/alert-rules/${shops.id}`, { forSeconds: 25 });
    const before = hooks.received.length;
    const mails = smtp.messages().length;
    await agent.kill();
    await eventually(() => admin.clusters(), (cs) => cs[0]?.status === "offline", "offline", 10_000);
    agent = startAgent({ server: centre.url, registrationToken: token, simulate: "store-berlin-k3s", stateDir: agent.stateDir });
    await eventually(() => admin.clusters(), (cs) => cs[0]?.status === "online", "online again", 30_000);
    await sleep(25_000);
    expect(hooks.received.length - before).toBe(0);
    expect(smtp.messages().length - mails).toBe(0);
    // The brief outage is still history.
    expect((await admin.ok<ClusterHistoryView>("GET", `/api/v1/clusters/${clusterId}/history?days=1`)).outages).toBe(2);
  });

  it("retries a webhook that fails, and records why", async () => {
    const rules = await admin.ok<AlertRuleView[]>("GET", "/api/v1/alert-rules");
    const shops = rules.find((r) => r.name === "Shops offline")!;
    await admin.ok("PATCH", `/api/v1/alert-rules/${shops.id}`, { forSeconds: 0 });
    await eventually(() => admin.clusters(), (cs) => cs[0]?.status === "online", "online", 30_000);
    hooks.answer(500);
    const before = webhooks("/json").length;
    await agent.kill();
    await eventually(async () => webhooks("/json").length - before, (n) => n >= 1, "first attempt", 15_000);
    const failing = await eventually(
      () => admin.ok<AlertChannelView[]>("GET", "/api/v1/alert-channels"),
      (cs) => cs.some((c) => c.name === "ops-json-2" && c.lastFailure !== null),
      "failure shown on the channel",
      5000,
    );
    expect(failing.find((c) => c.name === "ops-json-2")?.lastFailure).toMatchObject({ error: "the webhook answered HTTP 500", givenUp: false });
    hooks.answer(200);
    // The retry comes 5 s after the failed attempt.
    await eventually(async () => webhooks("/json").length - before, (n) => n >= 2, "retried", 15_000);
    expect((await admin.ok<AlertChannelView[]>("GET", "/api/v1/alert-channels")).find((c) => c.name === "ops-json-2")?.lastFailure).toBeNull();
    expect(webhooks("/json").slice(before).map((r) => (r.body as AlertNotice).deliveryId)).toEqual(Array(webhooks("/json").length - before).fill((webhooks("/json")[before]!.body as AlertNotice).deliveryId));
  });
});
