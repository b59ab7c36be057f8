// Devices through the API, without SSH (provisioning itself runs against test devices in
// tests/devices): what they do to the rest of the fleet model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceCreated, DeviceView } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { generateSshKey } from "../support/devices/generate-ssh-key";

describe("devices", () => {
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

  it("keep their site from being deleted (409, nothing changed) unless they move with its clusters", async () => {
    const site = await admin.createSite("yard");
    const other = await admin.createSite("depot");
    const { privateKey } = await generateSshKey("devices-test");
    const body = { name: "yard-box", host: "192.0.2.30", username: "root", auth: { method: "key", privateKey }, siteId: site.id, target: { role: "server", clusterName: "yard" }, provision: false };
    const { device } = await admin.ok<DeviceCreated>("POST", "/api/v1/devices", body);

    const refused = await admin.call<{ error: { code: string; message: string } }>("DELETE", `/api/v1/sites/${site.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("site yard still has 1 device: move them with its clusters (moveClustersTo=<site id>) or delete them under Devices first");
    expect((await admin.ok<DeviceView>("GET", `/api/v1/devices/${device.id}`)).siteId).toBe(site.id);

    await admin.ok("DELETE", `/api/v1/sites/${site.id}?moveClustersTo=${other.id}`);
    expect(await admin.ok<DeviceView>("GET", `/api/v1/devices/${device.id}`)).toMatchObject({ siteId: other.id, siteName: "depot" });
  });
});
