// Provisioning within grants: an operator granted site berlin only does not see, change or
// follow paris's devices and jobs (API, device page, live socket). Devices point at TEST-NET
// addresses: their jobs run (and fail) without any machine.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceCreated, DeviceView, JobView, UiAck } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { generateSshKey } from "../support/devices/generate-ssh-key";
import { openUiSocket } from "../support/ui-socket";

describe("provisioning jobs and devices within a grant scoped to one site", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let olga: ApiClient;
  let berlinSite: string;
  let parisSite: string;
  let berlinBox: string;
  let parisBox: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    berlinSite = (await admin.createSite("berlin")).id;
    parisSite = (await admin.createSite("paris")).id;
    // An operator of Outpost whose only grant is site berlin.
    await admin.ok("POST", "/api/v1/users", { username: "olga", password: "olga-password-1", role: "operator", clusterAccess: "none" });
    const users = await admin.ok<{ id: string; username: string }[]>("GET", "/api/v1/users");
    await admin.ok("POST", "/api/v1/grants", { subject: { kind: "user", userId: users.find((u) => u.username === "olga")!.id }, role: "operator", scope: { kind: "site", siteId: berlinSite } });
    olga = await ApiClient.signIn(centre.url, "olga", "olga-password-1");
    const { privateKey } = await generateSshKey("grant-scope-test");
    const device = async (city: string, siteId: string, host: string) =>
      (await admin.ok<DeviceCreated>("POST", "/api/v1/devices", { name: `${city}-box`, host, username: "root", auth: { method: "key", privateKey }, siteId, target: { role: "server", clusterName: `${city}-new` }, provision: false })).device.id;
    berlinBox = await device("berlin", berlinSite, "192.0.2.41");
    parisBox = await device("paris", parisSite, "192.0.2.42");
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await centre?.stop();
    await db?.drop();
  });

  const jobOf = async (deviceId: string) => (await admin.ok<JobView[]>("GET", `/api/v1/jobs?targetType=device&targetId=${deviceId}`))[0]!;

  it("sends job updates of berlin's devices only over the /ui socket, and refuses to watch paris's job log", async () => {
    const seen: JobView[] = [];
    const socket = await openUiSocket(centre.url, olga.sessionCookie!, (s) => s.on("job:updated", (j: JobView) => seen.push(j)));
    sockets.push(socket);
    // Paris's job first, then berlin's: once berlin's update arrives, paris's would have too.
    const parisJob = await admin.ok<JobView>("POST", `/api/v1/devices/${parisBox}/provision`);
    const berlinJob = await admin.ok<JobView>("POST", `/api/v1/devices/${berlinBox}/provision`);
    await eventually(async () => seen, (s) => s.some((j) => j.id === berlinJob.id), "berlin's job update");
    expect(seen.filter((j) => j.id === parisJob.id)).toEqual([]);

    const watch = (jobId: string) => new Promise<UiAck>((resolve) => socket.emit("job:watch", { jobId }, resolve));
    expect(await watch(parisJob.id)).toEqual({ ok: false, error: `no job with id ${parisJob.id}` });
    expect(await watch(berlinJob.id)).toEqual({ ok: true });
  });

  it("lists and shows berlin's devices and jobs only; paris's answer 404 like ids that never existed", async () => {
    const parisJob = await jobOf(parisBox);
    const berlinJob = await jobOf(berlinBox);
    expect((await olga.ok<DeviceView[]>("GET", "/api/v1/devices")).map((d) => d.name)).toEqual(["berlin-box"]);
    expect((await olga.ok<JobView[]>("GET", "/api/v1/jobs")).map((j) => j.id)).toEqual([berlinJob.id]);
    expect(await olga.ok<JobView[]>("GET", `/api/v1/jobs?targetType=device&targetId=${parisBox}`)).toEqual([]);
    for (const [method, path, body, message] of [
      ["GET", `/api/v1/devices/${parisBox}`, undefined, `no device with id ${parisBox}`],
      ["PATCH", `/api/v1/devices/${parisBox}`, { labels: { rack: "9" } }, `no device with id ${parisBox}`],
      ["POST", `/api/v1/devices/${parisBox}/provision`, undefined, `no device with id ${parisBox}`],
      ["DELETE", `/api/v1/devices/${parisBox}/host-key`, undefined, `no device with id ${parisBox}`],
      ["DELETE", `/api/v1/devices/${parisBox}`, undefined, `no device with id ${parisBox}`],
      ["GET", `/api/v1/jobs/${parisJob.id}`, undefined, `no job with id ${parisJob.id}`],
      ["POST", `/api/v1/jobs/${parisJob.id}/cancel`, undefined, `no job with id ${parisJob.id}`],
      ["POST", `/api/v1/jobs/${parisJob.id}/retry`, undefined, `no job with id ${parisJob.id}`],
    ] as const) {
      const res = await olga.call<{ error: { message: string } }>(method, path, body);
      expect({ route: `${method} ${path}`, status: res.status, message: res.body.error?.message }).toEqual({ route: `${method} ${path}`, status: 404, message });
    }
    const page = (id: string) => fetch(`${centre.url}/devices/${id}`, { headers: { cookie: olga.sessionCookie! } });
    expect((await page(berlinBox)).status).toBe(200);
    const hidden = await page(parisBox);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain("paris-box");
    // Nothing changed for the admin, who sees both.
    expect((await admin.ok<DeviceView[]>("GET", "/api/v1/devices")).map((d) => d.name)).toEqual(["berlin-box", "paris-box"]);
    expect((await admin.ok<JobView>("GET", `/api/v1/jobs/${parisJob.id}`)).id).toBe(parisJob.id);
    // Berlin's are hers to operate.
    expect((await olga.call("GET", `/api/v1/jobs/${berlinJob.id}`)).status).toBe(200);
    expect((await olga.call("POST", `/api/v1/jobs/${berlinJob.id}/cancel`)).status).toBe(200);
  });

  it("lets her add devices at berlin only", async () => {
    const { privateKey } = await generateSshKey("grant-scope-test-2");
    const body = (name: string, siteId: string) => ({ name, host: "192.0.2.43", username: "root", auth: { method: "key", privateKey }, siteId, target: { role: "server", clusterName: name }, provision: false });
    const refused = await olga.call<{ error: { message: string } }>("POST", "/api/v1/devices", body("sneaky-box", parisSite));
    expect({ status: refused.status, message: refused.body.error?.message }).toEqual({ status: 404, message: `no site with id ${parisSite}` });
    expect((await olga.call("POST", "/api/v1/devices", body("berlin-box-2", berlinSite))).status).toBe(201);
    expect((await admin.ok<DeviceView[]>("GET", "/api/v1/devices")).map((d) => d.name)).toEqual(["berlin-box", "berlin-box-2", "paris-box"]);
  });
});
