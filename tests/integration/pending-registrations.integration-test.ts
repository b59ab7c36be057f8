import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEventView, PendingRegistrationView, SiteView } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { AGENT_BIN } from "../support/paths";
import { startProcess, type ProcessHandle } from "../support/process-handle";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * Issued registration tokens that no agent has used yet are pending clusters: listed with who
 * issued them and when they expire, to those who would see the cluster, and revocable by those
 * who operate where it would live. A revoked token registers nothing.
 */
describe("pending registrations", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let depot: SiteView;
  let harbour: SiteView;
  const tmp = mkdtempSync(join(tmpdir(), "outpost-pending-"));
  const processes: ProcessHandle[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    depot = await admin.createSite("depot-7");
    harbour = await admin.createSite("harbour-2");
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await centre?.stop();
    await db?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const pending = (client: ApiClient) => client.ok<PendingRegistrationView[]>("GET", "/api/v1/registration-tokens");
  const register = (token: string) => new ApiClient(centre.url).call<{ error: { code: string } }>("POST", "/api/v1/agent/register", { registrationToken: token, agentVersion: "test", simulated: true });
  /** A user with no cluster access but one grant on one site. */
  async function userWithSiteGrant(username: string, role: "viewer" | "operator", siteId: string): Promise<ApiClient> {
    const password = `${username}-password-1`;
    const user = await admin.ok<{ id: string }>("POST", "/api/v1/users", { username, password, role, clusterAccess: "none" });
    await admin.ok("POST", "/api/v1/grants", { subject: { kind: "user", userId: user.id }, role, scope: { kind: "site", siteId } });
    return ApiClient.signIn(centre.url, username, password);
  }

  it("lists an issued token as a pending cluster, revokes it with an audit event, and the token then registers no agent (401)", async () => {
    const created = await admin.createRegistrationToken(depot.id, "depot-7-till", { kind: "store" });
    const listed = (await pending(admin)).find((p) => p.id === created.id);
    expect(listed).toEqual({
      id: created.id,
      clusterName: "depot-7-till",
      siteId: depot.id,
      siteName: "depot-7",
      labels: { kind: "store" },
      issuedBy: "admin",
      createdAt: expect.any(String),
      expiresAt: created.expiresAt,
    });
    expect(JSON.stringify(await pending(admin))).not.toContain(created.token);

    await admin.ok("DELETE", `/api/v1/registration-tokens/${created.id}`);
    expect((await pending(admin)).map((p) => p.id)).not.toContain(created.id);
    const [event] = await admin.ok<AuditEventView[]>("GET", "/api/v1/audit?limit=1");
    expect(event).toMatchObject({ action: "registration-token.revoke", actorName: "admin", targetId: created.id, details: { clusterName: "depot-7-till", site: "depot-7" } });

    const refused = await register(created.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("TOKEN_INVALID");
    // A real agent started with the revoked token is refused and stops (exit 3: retrying will not help).
    const agent = startProcess(process.execPath, [AGENT_BIN, "--server", centre.url, "--insecure-plain-http", "--simulate", "depot-7-till", "--state-dir", mkdtempSync(join(tmp, "agent-"))], {
      env: { ...process.env, OUTPOST_REGISTRATION_TOKEN: created.token },
    });
    processes.push(agent);
    const code = await new Promise<number | null>((resolve) => (agent.child.exitCode !== null ? resolve(agent.child.exitCode) : agent.child.once("exit", (c) => resolve(c))));
    expect(code).toBe(3);
    expect(agent.output()).toContain("TOKEN_INVALID");
    expect((await admin.clusters()).map((c) => c.name)).not.toContain("depot-7-till");
    // Revoking it again: it is gone.
    expect((await admin.call("DELETE", `/api/v1/registration-tokens/${created.id}`)).status).toBe(404);
  });

  it("drops a token from the list once an agent registered with it, and will not revoke it then", async () => {
    const created = await admin.createRegistrationToken(depot.id, "depot-7-scale");
    expect((await register(created.token)).status).toBe(201);
    expect((await pending(admin)).map((p) => p.id)).not.toContain(created.id);
    expect((await admin.call("DELETE", `/api/v1/registration-tokens/${created.id}`)).status).toBe(404);
    expect((await admin.clusters()).map((c) => c.name)).toContain("depot-7-scale");
  });

  it("shows pending clusters only where the caller's grants reach, and lets only operators there revoke them", async () => {
    // Sites of its own, so that what the other tests leave pending does not count here.
    const yard = await admin.createSite("yard-1");
    const yardToken = await admin.createRegistrationToken(yard.id, "yard-1-office");
    const harbourToken = await admin.createRegistrationToken(harbour.id, "harbour-2-crane");
    const viewer = await userWithSiteGrant("vic", "viewer", yard.id);
    const operator = await userWithSiteGrant("ola", "operator", harbour.id);

    expect((await pending(viewer)).map((p) => p.clusterName)).toEqual(["yard-1-office"]);
    expect((await pending(operator)).map((p) => p.clusterName)).toEqual(["harbour-2-crane"]);

    const byViewer = await viewer.call<{ error: { code: string; message: string } }>("DELETE", `/api/v1/registration-tokens/${yardToken.id}`);
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.message).toBe("this needs the operator role where yard-1-office would live; you are viewer there");
    // Outside their grants the token does not exist for them, word for word like an unknown id.
    const outside = await operator.call<{ error: { message: string } }>("DELETE", `/api/v1/registration-tokens/${yardToken.id}`);
    expect(outside.status).toBe(404);
    expect(outside.body.error.message).toBe(`no pending registration with id ${yardToken.id}; it may have been used, revoked or removed with its site`);
    expect((await pending(admin)).map((p) => p.id)).toEqual(expect.arrayContaining([yardToken.id, harbourToken.id]));

    await operator.ok("DELETE", `/api/v1/registration-tokens/${harbourToken.id}`);
    expect((await pending(admin)).map((p) => p.id)).not.toContain(harbourToken.id);
    expect((await register(harbourToken.token)).status).toBe(401);
    expect((await register(yardToken.token)).status).toBe(201);
  });

  it("refuses a malformed id with a clear error", async () => {
    const res = await admin.call<{ error: { code: string } }>("DELETE", "/api/v1/registration-tokens/not%20an%20id");
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("INVALID_INPUT");
  });
});
