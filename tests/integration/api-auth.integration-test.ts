import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { createServer, type AddressInfo } from "node:net";
import type { AuditEventView, BundleDetail, ClusterSummary, RolloutDetail } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { fillRoute, listApiRoutes } from "../support/api-routes";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { startAgent, type AgentProcess } from "../support/agent";
import { eventually } from "../support/eventually";
import { packageTestChart } from "../support/helm-charts";
import { startHelmRepository, type HelmRepository } from "../support/helm-repository";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { generateSshKey } from "../support/devices/generate-ssh-key";

describe("API: authentication, roles and bad input", () => {
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

  const auditCount = async () => (await admin.ok<unknown[]>("GET", "/api/v1/audit?limit=1000")).length;
  /**
   * Routes that take no user: sign-in, sign-out (harmless without a session), agent registration and the node
   * join claim and its blob downloads (their single-use token or session is the proof), what a bare device
   * fetches to install itself (scripts and the agent build: public code, no secrets), and the catch-all that
   * answers 404 for API addresses nothing serves.
   */
  const PUBLIC_ROUTES = [
    "POST /api/v1/auth/login",
    "POST /api/v1/auth/logout",
    "POST /api/v1/agent/register",
    "POST /api/v1/join/claim",
    "GET /api/v1/join/blobs/[sha256]",
    "GET /api/v1/install/agent.sh",
    "GET /api/v1/install/join-node.sh",
    "GET /api/v1/install/files/[...path]",
    ...["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => `${m} /api/[...path]`),
  ];

  /** Registers a cluster the way an agent does (no agent process needed): its id. */
  async function registerCluster(siteId: string, name: string, labels: Record<string, string> = { tier: "gold" }): Promise<string> {
    const { token } = await admin.createRegistrationToken(siteId, name, labels);
    const res = await new ApiClient(centre.url).call<{ clusterId: string }>("POST", "/api/v1/agent/register", { registrationToken: token, agentVersion: "test", simulated: true });
    expect(res.status).toBe(201);
    return res.body.clusterId;
  }

  /** What the API shows of everything a stray write could change. */
  const everything = async (clusterId: string) => ({
    sites: await admin.ok("GET", "/api/v1/sites"),
    users: await admin.ok("GET", "/api/v1/users"),
    clusters: (await admin.clusters()).map(({ id, name, labels, siteId }: ClusterSummary) => ({ id, name, labels, siteId })),
    desired: await admin.ok("GET", `/api/v1/clusters/${clusterId}/desired-state`),
    apiTokens: await admin.ok("GET", "/api/v1/api-tokens"),
    pendingRegistrations: await admin.ok("GET", "/api/v1/registration-tokens"),
    audit: await auditCount(),
  });

  it("creates the first admin from OUTPOST_ADMIN_PASSWORD and refuses wrong passwords", async () => {
    const me = await admin.ok<{ username: string; role: string }>("GET", "/api/v1/me");
    expect(me).toMatchObject({ username: "admin", role: "admin" });
    const bad = await new ApiClient(centre.url).call("POST", "/api/v1/auth/login", { username: "admin", password: "not-the-password" });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: { code: "UNAUTHENTICATED", message: "wrong username or password" } });
  });

  it("refuses every API route except sign-in, sign-out, agent registration and the unknown-address 404 without a valid session or token, and changes nothing", async () => {
    const site = await admin.createSite("guarded");
    const ids = {
      sites: site.id,
      clusters: await registerCluster(site.id, "guarded-k3s"),
      users: (await admin.ok<{ id: string }>("POST", "/api/v1/users", { username: "ursula", password: "ursula-password-1", role: "operator" })).id,
      "api-tokens": (await admin.ok<{ id: string }>("POST", "/api/v1/api-tokens", { name: "guarded" })).id,
    };
    const before = await everything(ids.clusters);
    // Routes are read from apps/web/app/api, so a route added later is covered too.
    const guarded = listApiRoutes().filter((r) => !PUBLIC_ROUTES.includes(`${r.method} ${r.path}`));
    expect(guarded.length).toBeGreaterThanOrEqual(22);
    // A body every write would accept, so that nothing but the missing identity stands in the way.
    const body = { name: "sneaky", username: "mallory", password: "long-enough-password", role: "admin", siteId: site.id, clusterName: "sneaky-k3s", labels: { sneaky: "yes" }, manifests: [], location: "x", disabled: true };
    const callers = [
      ["anonymous", new ApiClient(centre.url)],
      ["forged token", ApiClient.withToken(centre.url, "opt_forged-token-that-does-not-exist")],
      ["forged cookie", ApiClient.withCookie(centre.url, "outpost_session=forged-session-token")],
    ] as const;
    for (const route of guarded) {
      for (const [who, client] of callers) {
        const res = await client.call<{ error?: { code: string } }>(route.method, fillRoute(route.path, ids), route.method === "GET" ? undefined : body);
        expect(res.status, `${who}: ${route.method} ${route.path}`).toBe(401);
        expect(res.body?.error?.code, `${who}: ${route.method} ${route.path}`).toBe("UNAUTHENTICATED");
      }
    }
    expect(await everything(ids.clusters)).toEqual(before);
  }, 180_000);

  it("rejects malformed bodies with a clear error and changes nothing", async () => {
    const before = await admin.ok<unknown[]>("GET", "/api/v1/sites");
    const notJson = await admin.call("POST", "/api/v1/sites", "{not json", { "content-type": "application/json" });
    expect(notJson.status).toBe(422);
    expect(notJson.body).toMatchObject({ error: { code: "INVALID_INPUT", message: "the body is not valid JSON" } });

    const wrongType = await admin.call("POST", "/api/v1/sites", "name=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(415);

    const badName = await admin.call("POST", "/api/v1/sites", { name: "Not A DNS Name" });
    expect(badName.status).toBe(422);
    expect(badName.body).toMatchObject({ error: { issues: [{ path: "name" }] } });

    const badTz = await admin.call("POST", "/api/v1/sites", { name: "tz-test", timeZone: "Mars/Olympus" });
    expect(badTz.status).toBe(422);
    expect(JSON.stringify(badTz.body)).toContain("IANA time zone");

    const badLabels = await admin.call("POST", "/api/v1/sites", { name: "label-test", labels: { "bad key": "x" } });
    expect(badLabels.status).toBe(422);

    // Over the body limit (1 MiB): refused as too large before it is parsed.
    const huge = await admin.call("POST", "/api/v1/sites", { name: "huge", location: "x".repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });

    expect(await admin.ok<unknown[]>("GET", "/api/v1/sites")).toEqual(before);
  });

  it("enforces roles: a viewer reads but cannot change sites, clusters (delete, relabel, desired state), registration tokens or users, and changes nothing", async () => {
    const site = await admin.createSite("viewed");
    const clusterId = await registerCluster(site.id, "viewed-k3s");
    const pending = await admin.createRegistrationToken(site.id, "viewed-pending-k3s");
    await admin.ok("POST", "/api/v1/users", { username: "vera", password: "viewer-password-1", role: "viewer" });
    const viewer = await ApiClient.signIn(centre.url, "vera", "viewer-password-1");
    for (const path of ["/api/v1/clusters", `/api/v1/clusters/${clusterId}`, `/api/v1/clusters/${clusterId}/desired-state`, "/api/v1/sites", "/api/v1/me"]) {
      expect((await viewer.call("GET", path)).status, path).toBe(200);
    }
    const me = await viewer.ok<{ id: string }>("GET", "/api/v1/me");
    const adminId = (await admin.ok<{ id: string }>("GET", "/api/v1/me")).id;
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "by-viewer", namespace: "default" }, data: { a: "b" } };

    const before = await everything(clusterId);
    // Valid bodies: only the role stands in the way.
    for (const [method, path, body] of [
      ["GET", "/api/v1/users", undefined],
      ["GET", "/api/v1/audit", undefined],
      ["GET", "/api/v1/metrics", undefined],
      ["POST", "/api/v1/sites", { name: "by-viewer" }],
      ["PATCH", `/api/v1/sites/${site.id}`, { location: "moved by a viewer" }],
      ["DELETE", `/api/v1/sites/${site.id}`, undefined],
      ["DELETE", `/api/v1/clusters/${clusterId}`, undefined],
      ["PATCH", `/api/v1/clusters/${clusterId}`, { labels: { tier: "free" } }],
      ["PUT", `/api/v1/clusters/${clusterId}/desired-state`, { manifests: [configMap] }],
      ["POST", "/api/v1/registration-tokens", { siteId: site.id, clusterName: "by-viewer-k3s" }],
      ["DELETE", `/api/v1/registration-tokens/${pending.id}`, undefined],
      ["POST", "/api/v1/users", { username: "escalate", password: "long-enough-password", role: "admin" }],
      ["PATCH", `/api/v1/users/${me.id}`, { role: "admin" }],
      ["DELETE", `/api/v1/users/${adminId}`, undefined],
    ] as const) {
      const res = await viewer.call<{ error: { code: string; message: string } }>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error, `${method} ${path}`).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(
          /^(this needs the (operator|admin) role( on cluster viewed-k3s| where viewed-pending-k3s would live)?; you are viewer( there)?|you do not operate clusters at site viewed with these labels; ask an admin for a grant)$/,
        ) });
    }
    expect(await everything(clusterId)).toEqual(before);
    expect((await admin.cluster(clusterId)).labels).toEqual({ tier: "gold" });
  });

  it("lets an operator manage sites but not users", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "otto", password: "operator-password-1", role: "operator" });
    const op = await ApiClient.signIn(centre.url, "otto", "operator-password-1");
    expect((await op.call("POST", "/api/v1/sites", { name: "by-operator", timeZone: "Europe/Berlin" })).status).toBe(201);
    expect((await op.call("GET", "/api/v1/users")).status).toBe(403);
  });

  it("refuses cookie-authenticated writes from another origin", async () => {
    const res = await admin.call("POST", "/api/v1/sites", { name: "csrf-site" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await admin.ok<{ name: string }[]>("GET", "/api/v1/sites")).map((s) => s.name)).not.toContain("csrf-site");
  });

  it("API tokens act with their owner's role, are stored hashed and can be revoked", async () => {
    const created = await admin.ok<{ id: string; token: string }>("POST", "/api/v1/api-tokens", { name: "ci script" });
    expect(created.token).toMatch(/^opt_/);
    const script = ApiClient.withToken(centre.url, created.token);
    expect(await script.ok("GET", "/api/v1/me")).toMatchObject({ username: "admin" });
    const listed = await admin.ok<unknown[]>("GET", "/api/v1/api-tokens");
    expect(JSON.stringify(listed)).not.toContain(created.token);
    await admin.ok("DELETE", `/api/v1/api-tokens/${created.id}`);
    expect((await script.call("GET", "/api/v1/me")).status).toBe(401);
  });

  it("ends a user's sessions when an admin disables them", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "dana", password: "dana-password-1", role: "operator" });
    const dana = await ApiClient.signIn(centre.url, "dana", "dana-password-1");
    const users = await admin.ok<{ id: string; username: string }[]>("GET", "/api/v1/users");
    const id = users.find((u) => u.username === "dana")!.id;
    await admin.ok("PATCH", `/api/v1/users/${id}`, { disabled: true });
    expect((await dana.call("GET", "/api/v1/me")).status).toBe(401);
    const again = await new ApiClient(centre.url).call("POST", "/api/v1/auth/login", { username: "dana", password: "dana-password-1" });
    expect(again.status).toBe(401);
  });

  it("refuses sign-ins as a user after five wrong passwords, even the right one, and leaves others alone", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "erin", password: "erin-password-1", role: "viewer" });
    const before = await auditCount();
    const anon = new ApiClient(centre.url);
    const attempt = (username: string, password: string) => anon.call("POST", "/api/v1/auth/login", { username, password });
    for (let i = 0; i < 5; i++) expect((await attempt("erin", `guess-${i}-password`)).status).toBe(401);
    const locked = await attempt("Erin", "erin-password-1");
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: "RATE_LIMITED", message: expect.stringMatching(/^too many failed sign-ins for this user; try again in \d+ s$/) } });
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect((await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD)).sessionCookie).toBeTruthy();
    expect(await auditCount()).toBe(before + 1); // the admin's sign-in; refusals write nothing
  });

  it("keeps an admin signed in where they reset their own password, and ends their other sessions", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "frank", password: "frank-password-1", role: "admin" });
    const here = await ApiClient.signIn(centre.url, "frank", "frank-password-1");
    const elsewhere = await ApiClient.signIn(centre.url, "frank", "frank-password-1");
    const me = await here.ok<{ id: string }>("GET", "/api/v1/me");
    await here.ok("PATCH", `/api/v1/users/${me.id}`, { password: "frank-password-2" });
    expect((await here.call("GET", "/api/v1/me")).status).toBe(200);
    expect((await elsewhere.call("GET", "/api/v1/me")).status).toBe(401);
    expect((await new ApiClient(centre.url).call("POST", "/api/v1/auth/login", { username: "frank", password: "frank-password-1" })).status).toBe(401);
    expect((await ApiClient.signIn(centre.url, "frank", "frank-password-2")).sessionCookie).toBeTruthy();
  });

  it("lets any user change their own password with the current one, ends their other sessions, and refuses a wrong current password without changing anything", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "gina", password: "gina-password-1", role: "viewer" });
    const here = await ApiClient.signIn(centre.url, "gina", "gina-password-1");
    const elsewhere = await ApiClient.signIn(centre.url, "gina", "gina-password-1");
    const before = await auditCount();
    const wrong = await here.call("POST", "/api/v1/me/password", { currentPassword: "not-it-at-all", newPassword: "gina-password-2" });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ error: { code: "INVALID_INPUT", issues: [{ path: "currentPassword" }] } });
    expect((await here.call("POST", "/api/v1/me/password", { currentPassword: "gina-password-1", newPassword: "short" })).status).toBe(422);
    expect(await auditCount()).toBe(before);
    expect((await elsewhere.call("GET", "/api/v1/me")).status).toBe(200);

    await here.ok("POST", "/api/v1/me/password", { currentPassword: "gina-password-1", newPassword: "gina-password-2" });
    expect((await here.call("GET", "/api/v1/me")).status).toBe(200);
    expect((await elsewhere.call("GET", "/api/v1/me")).status).toBe(401);
    expect((await new ApiClient(centre.url).call("POST", "/api/v1/auth/login", { username: "gina", password: "gina-password-1" })).status).toBe(401);
    expect((await ApiClient.signIn(centre.url, "gina", "gina-password-2")).sessionCookie).toBeTruthy();
    expect((await new ApiClient(centre.url).call("POST", "/api/v1/me/password", { currentPassword: "x", newPassword: "gina-password-3" })).status).toBe(401);
  });

  it("never lets an admin lock themselves out", async () => {
    const me = await admin.ok<{ id: string }>("GET", "/api/v1/me");
    expect((await admin.call("PATCH", `/api/v1/users/${me.id}`, { role: "viewer" })).status).toBe(409);
    expect((await admin.call("DELETE", `/api/v1/users/${me.id}`)).status).toBe(409);
  });

  it("writes one audit event, with its actor and target, for every write route but those named here as not audited (sign-out, personal preferences, blob uploads, rollout previews)", async () => {
    const NOT_AUDITED = [
      // Ends only the caller's own session.
      "POST /api/v1/auth/logout",
      // Answers 404: no route there.
      ...["POST", "PUT", "PATCH", "DELETE"].map((m) => `${m} /api/[...path]`),
      // Content-addressed bytes, named by their hash: the bundle that lists them is audited when created.
      "POST /api/v1/blobs",
      "PUT /api/v1/blobs/[sha256]",
      // A question (which of these blobs are missing); changes nothing.
      "POST /api/v1/blobs/missing",
      // Needs a real device and a connected agent (the k3s join token comes through the tunnel): its
      // join-token.claim event is checked in tests/devices/provision-over-ssh.device-test.ts.
      "POST /api/v1/join/claim",
      // Saved views and the read mark of notifications are the caller's own preferences, like sign-out.
      "POST /api/v1/saved-views",
      "DELETE /api/v1/saved-views/[id]",
      "POST /api/v1/notifications/seen",
      // A rollout preview only reads (its body is the question).
      "POST /api/v1/rollouts/preview",
    ];
    const anon = new ApiClient(centre.url);
    let siteId = "";
    let clusterId = "";
    let userId = "";
    let audrey = new ApiClient(centre.url);
    let tokenId = "";
    let registrationToken = "";
    let revocableTokenId = "";
    let bundleId = "";
    let assignmentId = "";
    let deviceId = "";
    let jobId = "";
    const manifestYaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: audited }\n";
    const blobSha = createHash("sha256").update(manifestYaml).digest("hex");
    let channelId = "";
    let ruleId = "";
    let groupId = "";
    let grantId = "";
    let agentCredential = "";
    let fakeAgent: Socket | undefined;
    const steps: { route: string; action: string; actor: () => string; run: () => Promise<string | null>; prepare?: () => Promise<void> }[] = [
      { route: "POST /api/v1/sites", action: "site.create", actor: () => "admin", run: async () => (siteId = (await admin.createSite("audited-site")).id) },
      { route: "PATCH /api/v1/sites/[id]", action: "site.update", actor: () => "admin", run: async () => (await admin.ok("PATCH", `/api/v1/sites/${siteId}`, { location: "Hall 3" }), siteId) },
      {
        route: "POST /api/v1/registration-tokens",
        action: "registration-token.create",
        actor: () => "admin",
        run: async () => ((registrationToken = (await admin.createRegistrationToken(siteId, "audited-k3s")).token), null),
      },
      {
        route: "DELETE /api/v1/registration-tokens/[id]",
        action: "registration-token.revoke",
        actor: () => "admin",
        run: async () => (await admin.ok("DELETE", `/api/v1/registration-tokens/${revocableTokenId}`), revocableTokenId),
      },
      {
        route: "POST /api/v1/agent/register",
        action: "cluster.register",
        actor: () => "agent:audited-k3s",
        run: async () => {
          const registered = await anon.ok<{ clusterId: string; credential: string }>("POST", "/api/v1/agent/register", { registrationToken, agentVersion: "test", simulated: true });
          agentCredential = registered.credential;
          return (clusterId = registered.clusterId);
        },
      },
      {
        // Rotation needs the agent online to take the new credential: a minimal agent that saves it at once.
        route: "POST /api/v1/clusters/[id]/agent-credential/rotate",
        action: "agent-credential.rotate",
        actor: () => "admin",
        run: async () => {
          fakeAgent = io(`${centre.url}/agent`, { auth: { clusterId, credential: agentCredential, agentVersion: "test", features: ["credential-rotation"] }, transports: ["websocket"], reconnection: false });
          fakeAgent.on("credential:rotate", (_msg: unknown, ack: (res: { ok: true; receivedAt: number }) => void) => ack({ ok: true, receivedAt: Date.now() }));
          await new Promise<void>((resolve, reject) => (fakeAgent!.on("connect", resolve), fakeAgent!.on("connect_error", reject)));
          await eventually(() => admin.call("POST", `/api/v1/clusters/${clusterId}/agent-credential/rotate`), (r) => r.status === 200, "rotated while the agent is connected");
          return clusterId;
        },
      },
      {
        route: "POST /api/v1/clusters/[id]/agent-credential/revoke",
        action: "agent-credential.revoke",
        actor: () => "admin",
        run: async () => {
          await admin.ok("POST", `/api/v1/clusters/${clusterId}/agent-credential/revoke`, { reason: "device stolen" });
          fakeAgent?.close();
          return clusterId;
        },
      },
      { route: "PATCH /api/v1/clusters/[id]", action: "cluster.update-labels", actor: () => "admin", run: async () => (await admin.ok("PATCH", `/api/v1/clusters/${clusterId}`, { labels: { tier: "silver" } }), clusterId) },
      {
        route: "PUT /api/v1/clusters/[id]/desired-state",
        action: "cluster.set-desired-state",
        actor: () => "admin",
        run: async () => (await admin.ok("PUT", `/api/v1/clusters/${clusterId}/desired-state`, { manifests: [] }), clusterId),
      },
      {
        route: "POST /api/v1/bundles/compose",
        action: "bundle.create",
        actor: () => "admin",
        run: async () => {
          await admin.ok("POST", "/api/v1/blobs", manifestYaml);
          const blobs = [{ sha256: blobSha, role: "manifest", target: "/var/lib/rancher/k3s/server/manifests/audited.yaml" }];
          return (bundleId = (await admin.ok<BundleDetail>("POST", "/api/v1/bundles/compose", { name: "audited", version: "1", arch: "amd64", blobs })).id);
        },
      },
      {
        route: "POST /api/v1/bundles",
        action: "bundle.create",
        actor: () => "admin",
        run: async () => {
          const { manifest } = await admin.ok<BundleDetail>("GET", `/api/v1/bundles/${bundleId}`);
          return (await admin.ok<BundleDetail>("POST", "/api/v1/bundles", { manifest: manifest.replace('"version": "1"', '"version": "2"') })).id;
        },
      },
      {
        route: "POST /api/v1/bundles/[id]/assignments",
        action: "bundle.assign",
        actor: () => "admin",
        run: async () => {
          const detail = await admin.ok<BundleDetail>("POST", `/api/v1/bundles/${bundleId}/assignments`, { clusterId });
          assignmentId = detail.assignments.find((a) => a.clusterId === clusterId)!.id;
          return bundleId;
        },
      },
      {
        route: "DELETE /api/v1/bundles/[id]/assignments/[assignmentId]",
        action: "bundle.unassign",
        actor: () => "admin",
        run: async () => (await admin.ok("DELETE", `/api/v1/bundles/${bundleId}/assignments/${assignmentId}`), bundleId),
      },
      { route: "DELETE /api/v1/bundles/[id]", action: "bundle.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/bundles/${bundleId}`), bundleId) },
      {
        route: "POST /api/v1/devices",
        action: "device.create",
        actor: () => "admin",
        run: async () => {
          const { privateKey } = await generateSshKey("audited");
          // The "device" accepts TCP and never answers: the job stays at its connect step until cancelled.
          const body = { name: "audited-box", host: "127.0.0.1", port: silentPort, username: "root", auth: { method: "key", privateKey }, siteId, target: { role: "server", clusterName: "audited-edge" }, provision: false };
          return (deviceId = (await admin.ok<{ device: { id: string } }>("POST", "/api/v1/devices", body)).device.id);
        },
      },
      { route: "PATCH /api/v1/devices/[id]", action: "device.update", actor: () => "admin", run: async () => (await admin.ok("PATCH", `/api/v1/devices/${deviceId}`, { labels: { rack: "2" } }), deviceId) },
      { route: "POST /api/v1/devices/[id]/provision", action: "device.provision", actor: () => "admin", run: async () => ((jobId = (await admin.ok<{ id: string }>("POST", `/api/v1/devices/${deviceId}/provision`)).id), deviceId) },
      { route: "POST /api/v1/jobs/[id]/cancel", action: "job.cancel", actor: () => "admin", run: async () => (await admin.ok("POST", `/api/v1/jobs/${jobId}/cancel`), jobId) },
      {
        route: "POST /api/v1/jobs/[id]/retry",
        action: "job.retry",
        actor: () => "admin",
        run: async () => {
          // A cancel reaches the running step at once, but the job reads "cancelled" only once that step stopped.
          await eventually(() => admin.ok<{ status: string }>("GET", `/api/v1/jobs/${jobId}`), (j) => j.status === "cancelled", "job cancelled");
          await admin.ok("POST", `/api/v1/jobs/${jobId}/retry`);
          return jobId;
        },
      },
      { route: "POST /api/v1/jobs/[id]/cancel", action: "job.cancel", actor: () => "admin", run: async () => (await admin.ok("POST", `/api/v1/jobs/${jobId}/cancel`), jobId) },
      { route: "DELETE /api/v1/devices/[id]/host-key", action: "device.forget-host-key", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/devices/${deviceId}/host-key`), deviceId) },
      {
        route: "DELETE /api/v1/devices/[id]",
        action: "device.delete",
        actor: () => "admin",
        run: async () => {
          await eventually(() => admin.ok<{ status: string }>("GET", `/api/v1/jobs/${jobId}`), (j) => j.status === "cancelled", "job cancelled");
          await admin.ok("DELETE", `/api/v1/devices/${deviceId}`);
          return deviceId;
        },
      },
      {
        route: "POST /api/v1/clusters/[id]/join-tokens",
        action: "join-token.create",
        actor: () => "admin",
        run: async () => (await admin.ok("POST", `/api/v1/clusters/${realClusterId}/join-tokens`, { serverUrl: "https://192.0.2.20:6443" }), realClusterId),
      },
      // A kubeconfig carries a new API token of the caller's.
      { route: "POST /api/v1/clusters/[id]/kubeconfig", action: "api-token.create", actor: () => "admin", run: async () => (await admin.call("POST", `/api/v1/clusters/${clusterId}/kubeconfig`), null) },
      { route: "DELETE /api/v1/clusters/[id]", action: "cluster.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/clusters/${clusterId}`), clusterId) },
      { route: "DELETE /api/v1/sites/[id]", action: "site.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/sites/${siteId}`), siteId) },
      {
        route: "POST /api/v1/users",
        action: "user.create",
        actor: () => "admin",
        run: async () => (userId = (await admin.ok<{ id: string }>("POST", "/api/v1/users", { username: "audrey", password: "audrey-password-1", role: "viewer" })).id),
      },
      { route: "POST /api/v1/groups", action: "group.create", actor: () => "admin", run: async () => (groupId = (await admin.ok<{ id: string }>("POST", "/api/v1/groups", { name: "audited-techs" })).id) },
      { route: "POST /api/v1/groups/[id]/members", action: "group.add-member", actor: () => "admin", run: async () => (await admin.ok("POST", `/api/v1/groups/${groupId}/members`, { userId }), groupId) },
      {
        route: "POST /api/v1/grants",
        action: "grant.create",
        actor: () => "admin",
        run: async () => (grantId = (await admin.ok<{ id: string }>("POST", "/api/v1/grants", { subject: { kind: "group", groupId }, role: "viewer", scope: { kind: "selector", selector: "tier=gold" } })).id),
      },
      { route: "DELETE /api/v1/grants/[id]", action: "grant.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/grants/${grantId}`), grantId) },
      { route: "DELETE /api/v1/groups/[id]/members/[userId]", action: "group.remove-member", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/groups/${groupId}/members/${userId}`), groupId) },
      { route: "DELETE /api/v1/groups/[id]", action: "group.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/groups/${groupId}`), groupId) },
      { route: "PATCH /api/v1/users/[id]", action: "user.update", actor: () => "admin", run: async () => (await admin.ok("PATCH", `/api/v1/users/${userId}`, { role: "operator" }), userId) },
      {
        route: "POST /api/v1/auth/login",
        action: "auth.login",
        actor: () => "audrey",
        run: async () => ((audrey = await ApiClient.signIn(centre.url, "audrey", "audrey-password-1")), userId),
      },
      {
        route: "POST /api/v1/me/password",
        action: "user.change-own-password",
        actor: () => "audrey",
        run: async () => (await audrey.ok("POST", "/api/v1/me/password", { currentPassword: "audrey-password-1", newPassword: "audrey-password-2" }), userId),
      },
      { route: "POST /api/v1/api-tokens", action: "api-token.create", actor: () => "admin", run: async () => (tokenId = (await admin.ok<{ id: string }>("POST", "/api/v1/api-tokens", { name: "audited" })).id) },
      { route: "DELETE /api/v1/api-tokens/[id]", action: "api-token.revoke", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/api-tokens/${tokenId}`), tokenId) },
      { route: "DELETE /api/v1/users/[id]", action: "user.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/users/${userId}`), userId) },
      {
        route: "POST /api/v1/alert-channels",
        action: "alert-channel.create",
        actor: () => "admin",
        run: async () => (channelId = (await admin.ok<{ id: string }>("POST", "/api/v1/alert-channels", { name: "audited-mail", kind: "email", to: "ops@example.test" })).id),
      },
      // Sending a test message tells an outside address something: audited, whether it arrived or not.
      { route: "POST /api/v1/alert-channels/[id]/test", action: "alert-channel.test", actor: () => "admin", run: async () => (await admin.ok("POST", `/api/v1/alert-channels/${channelId}/test`), channelId) },
      {
        route: "POST /api/v1/alert-rules",
        action: "alert-rule.create",
        actor: () => "admin",
        run: async () =>
          (ruleId = (await admin.ok<{ id: string }>("POST", "/api/v1/alert-rules", { name: "audited", condition: "cluster-offline", forSeconds: 60, scope: { kind: "all" }, channelIds: [channelId] })).id),
      },
      { route: "PATCH /api/v1/alert-rules/[id]", action: "alert-rule.update", actor: () => "admin", run: async () => (await admin.ok("PATCH", `/api/v1/alert-rules/${ruleId}`, { enabled: false }), ruleId) },
      { route: "DELETE /api/v1/alert-rules/[id]", action: "alert-rule.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/alert-rules/${ruleId}`), ruleId) },
      { route: "DELETE /api/v1/alert-channels/[id]", action: "alert-channel.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/alert-channels/${channelId}`), channelId) },
      ...rolloutSteps(),
    ];

    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    // A cluster a node can join (not simulated), registered before the steps count events.
    const realSite = await admin.createSite("audited-real");
    const { token: realToken } = await admin.createRegistrationToken(realSite.id, "audited-real-k3s");
    const realClusterId = (await anon.ok<{ clusterId: string }>("POST", "/api/v1/agent/register", { registrationToken: realToken, agentVersion: "test", simulated: false })).clusterId;
    revocableTokenId = (await admin.createRegistrationToken(realSite.id, "audited-revoked-k3s")).id;

    // Every write route the centre serves (read from apps/web/app/api) is exercised here.
    const writes = listApiRoutes().filter((r) => r.method !== "GET" && r.method !== "HEAD").map((r) => `${r.method} ${r.path}`);
    const uncovered = writes.filter((w) => !NOT_AUDITED.includes(w) && !steps.some((s) => s.route === w));
    expect(uncovered, "write routes this test does not exercise (add a step)").toEqual([]);

    try {
      for (const step of steps) {
        await step.prepare?.();
        const before = await auditCount();
        const targetId = await step.run();
        const [newest] = await admin.ok<AuditEventView[]>("GET", "/api/v1/audit?limit=1");
        expect(await auditCount(), `${step.route}: exactly one event`).toBe(before + 1);
        expect(newest, step.route).toMatchObject({ action: step.action, actorName: step.actor(), ...(targetId ? { targetId } : {}) });
      }
    } finally {
      silent.close();
      await rolloutCleanup();
    }
  }, 240_000);

  let repo: HelmRepository | undefined;
  let agent: AgentProcess | undefined;
  const rolloutCleanup = async () => {
    await agent?.stop();
    await repo?.close();
  };
  /**
   * Charts, repositories and rollouts through each of their write routes, in an order that gives
   * each action the state it needs: one cluster with a simulated agent (online), one without
   * (offline) that is paused first so the canary is skipped and the rollout waits for approval.
   */
  function rolloutSteps() {
    const chart = packageTestChart({ name: "audited-chart", version: "1.0.0" });
    const ids = { site: "", online: "", paused: "", repo: "", imported: "", uploaded: "", rollout: "", rollback: "" };
    // The phase, with each cluster's status and detail: what a failed wait shows.
    const phase = async (id: string) => {
      const r = await admin.ok<RolloutDetail>("GET", `/api/v1/rollouts/${id}`);
      return `${r.phase} (${r.targets.map((t) => `${t.clusterName}: ${t.status}, ${t.detail}`).join("; ")})`;
    };
    return [
      {
        route: "PUT /api/v1/sites/[id]/maintenance-windows",
        action: "site.maintenance-windows",
        actor: () => "admin",
        // The site and its two clusters are audited themselves: made before the count starts.
        prepare: async () => {
          ids.site = (await admin.createSite("audited-rollouts")).id;
          // Their own label: the other tests' clusters (tier=gold, offline) would wait in the rollout.
          ids.paused = await registerCluster(ids.site, "audited-paused", { "audited-rollout": "yes" });
          const { token } = await admin.createRegistrationToken(ids.site, "audited-online", { "audited-rollout": "yes" });
          agent = startAgent({ server: centre.url, registrationToken: token, simulate: "audited-online", env: { OUTPOST_SIM_CHANGE_INTERVAL_MS: "2000" } });
          ids.online = (await eventually(() => admin.clusters(), (cs) => cs.some((c) => c.name === "audited-online" && c.status === "online"), "sim agent online", 120_000)).find((c) => c.name === "audited-online")!.id;
        },
        run: async () => (await admin.ok("PUT", `/api/v1/sites/${ids.site}/maintenance-windows`, { windows: [] }), ids.site),
      },
      {
        route: "POST /api/v1/chart-repositories",
        action: "chart-repository.add",
        actor: () => "admin",
        run: async () => {
          repo = await startHelmRepository();
          repo.add(chart);
          return (ids.repo = (await admin.ok<{ id: string }>("POST", "/api/v1/chart-repositories", { name: "audited-repo", url: repo.url })).id);
        },
      },
      { route: "POST /api/v1/chart-repositories/[id]/refresh", action: "chart-repository.refresh", actor: () => "admin", run: async () => (await admin.ok("POST", `/api/v1/chart-repositories/${ids.repo}/refresh`), ids.repo) },
      {
        route: "POST /api/v1/chart-repositories/[id]/import",
        action: "chart.import",
        actor: () => "admin",
        run: async () => (ids.imported = (await admin.ok<{ id: string }>("POST", `/api/v1/chart-repositories/${ids.repo}/import`, { name: "audited-chart", version: "1.0.0" })).id),
      },
      {
        route: "POST /api/v1/charts",
        action: "chart.upload",
        actor: () => "admin",
        run: async () => (ids.uploaded = (await admin.ok<{ id: string }>("POST", "/api/v1/charts", { archiveBase64: chart.bytes.toString("base64") })).id),
      },
      { route: "PUT /api/v1/clusters/[id]/rollout-pause", action: "cluster.rollouts-pause", actor: () => "admin", run: async () => (await admin.ok("PUT", `/api/v1/clusters/${ids.paused}/rollout-pause`, { reason: "audit" }), ids.paused) },
      {
        route: "POST /api/v1/rollouts",
        action: "rollout.create",
        actor: () => "admin",
        run: async () => {
          ids.rollout = (
            await admin.ok<{ id: string }>("POST", "/api/v1/rollouts", {
              chartId: ids.uploaded,
              targetNamespace: "audited",
              selector: "audited-rollout=yes",
              strategy: { canary: { mode: "clusters", clusterIds: [ids.paused] }, waveSize: { unit: "percent", value: 100 }, betweenWaves: { mode: "approval" } },
            })
          ).id;
          // The paused canary is skipped, so the next wave waits for an operator.
          await eventually(() => phase(ids.rollout), (p) => p.startsWith("awaiting-approval "), "awaiting approval", 20_000);
          return ids.rollout;
        },
      },
      { route: "POST /api/v1/rollouts/[id]/halt", action: "rollout.halt", actor: () => "admin", run: async () => (await admin.ok("POST", `/api/v1/rollouts/${ids.rollout}/halt`, { reason: "audit" }), ids.rollout) },
      {
        route: "POST /api/v1/rollouts/[id]/resume",
        action: "rollout.resume",
        actor: () => "admin",
        run: async () => {
          await admin.ok("POST", `/api/v1/rollouts/${ids.rollout}/resume`);
          await eventually(() => phase(ids.rollout), (p) => p.startsWith("awaiting-approval "), "awaiting approval again", 20_000);
          return ids.rollout;
        },
      },
      {
        route: "POST /api/v1/rollouts/[id]/approve",
        action: "rollout.approve",
        actor: () => "admin",
        run: async () => {
          await admin.ok("POST", `/api/v1/rollouts/${ids.rollout}/approve`);
          await eventually(() => phase(ids.rollout), (p) => p.startsWith("completed "), "rollout completed on the online cluster", 120_000);
          return ids.rollout;
        },
      },
      { route: "DELETE /api/v1/clusters/[id]/rollout-pause", action: "cluster.rollouts-unpause", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/clusters/${ids.paused}/rollout-pause`), ids.paused) },
      { route: "POST /api/v1/rollouts/[id]/retry", action: "rollout.retry", actor: () => "admin", run: async () => (await admin.ok("POST", `/api/v1/rollouts/${ids.rollout}/retry`), ids.rollout) },
      // The retried cluster is offline: the rollout runs until an operator halts it, as a rollback needs.
      { route: "POST /api/v1/rollouts/[id]/halt", action: "rollout.halt", actor: () => "admin", run: async () => (await admin.ok("POST", `/api/v1/rollouts/${ids.rollout}/halt`, { reason: "before the rollback" }), ids.rollout) },
      {
        route: "POST /api/v1/rollouts/[id]/rollback",
        action: "rollout.rollback",
        actor: () => "admin",
        run: async () => ((ids.rollback = (await admin.ok<{ id: string }>("POST", `/api/v1/rollouts/${ids.rollout}/rollback`)).id), ids.rollout),
      },
      { route: "DELETE /api/v1/rollouts/[id]", action: "rollout.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/rollouts/${ids.rollback}`), ids.rollback) },
      { route: "DELETE /api/v1/charts/[id]", action: "chart.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/charts/${ids.uploaded}`), ids.uploaded) },
      { route: "DELETE /api/v1/chart-repositories/[id]", action: "chart-repository.delete", actor: () => "admin", run: async () => (await admin.ok("DELETE", `/api/v1/chart-repositories/${ids.repo}`), ids.repo) },
    ];
  }
});
