/**
 * A real centre for provisioning tests: in the hub namespace on all addresses, so test devices
 * reach it at 10.79.0.1 (its OUTPOST_PUBLIC_URL), with the test bundle pushed to its bundle store.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { CreateDeviceRequest, DeviceCreated, DeviceView, JobDetail, JobStatus } from "@outpost/cluster-core";
import { ApiClient } from "../api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../centre";
import { eventually } from "../eventually";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { createTestBundle, pushTestBundle, type TestBundle, type TestBundleOptions } from "../test-bundle/create-test-bundle";
import { DEVICE_HUB_ADDRESS } from "./device-network";
import type { TestDevice } from "./create-test-device";
import type { SshKeyPair } from "./generate-ssh-key";

export interface ProvisioningCentre {
  centre: Centre;
  admin: ApiClient;
  bundle: TestBundle;
  /** The test bundle's id at the centre (pushed and signed there). */
  bundleId: string;
  db: TestDatabase;
  /** The centre's URL as devices see it. */
  deviceUrl: string;
  site(name: string): Promise<string>;
  /** Adds a device through the API (key login as root unless `request` says otherwise). */
  addDevice(device: TestDevice, key: SshKeyPair, request: Partial<CreateDeviceRequest> & Pick<CreateDeviceRequest, "target" | "siteId">): Promise<DeviceCreated>;
  job(id: string): Promise<JobDetail>;
  /** Waits until the job reaches one of `statuses` (a final one by default). */
  waitJob(id: string, statuses?: JobStatus[], timeoutMs?: number): Promise<JobDetail>;
  device(id: string): Promise<DeviceView>;
  close(): Promise<void>;
}

export async function startProvisioningCentre(opts: { bundle?: Omit<TestBundleOptions, "dir">; env?: Record<string, string> } = {}): Promise<ProvisioningCentre> {
  const stateRoot = process.env.OUTPOST_HUB_STATE_DIR;
  if (!stateRoot) throw new Error("run device tests with scripts/device-tests.sh");
  const bundleDir = mkdtempSync(join(stateRoot, "bundle-"));
  const bundle = await createTestBundle({ dir: bundleDir, ...opts.bundle });
  const db = await createTestDatabase();
  let centre: Centre | undefined;
  try {
    centre = await startCentre({
      databaseUrl: db.url,
      env: { HOST: "0.0.0.0", OUTPOST_AGENT_HEARTBEAT_TIMEOUT_MS: "8000", ...opts.env },
      publicHost: DEVICE_HUB_ADDRESS,
    });
  } catch (err) {
    await db.drop();
    throw err;
  }
  const c = centre;
  const admin = await ApiClient.signIn(c.url, "admin", ADMIN_PASSWORD);
  const bundleId = await pushTestBundle(c.url, admin.sessionCookie!, bundle);
  const job = (id: string) => admin.ok<JobDetail>("GET", `/api/v1/jobs/${id}`);
  let sites = 0;
  return {
    centre: c,
    admin,
    bundle,
    bundleId,
    db,
    deviceUrl: `http://${DEVICE_HUB_ADDRESS}:${c.port}`,
    async site(name) {
      return (await admin.ok<{ id: string }>("POST", "/api/v1/sites", { name: `${name}-${++sites}` })).id;
    },
    addDevice(device, key, request) {
      return admin.ok<DeviceCreated>("POST", "/api/v1/devices", {
        name: device.hostname,
        host: device.address,
        port: device.sshPort,
        username: "root",
        auth: { method: "key", privateKey: key.privateKey },
        ...request,
      });
    },
    job,
    waitJob: (id, statuses = ["succeeded", "failed", "cancelled", "interrupted"], timeoutMs = 240_000) =>
      eventually(() => job(id), (j) => statuses.includes(j.status), `job ${id} ${statuses.join("/")}`, timeoutMs),
    device: (id) => admin.ok<DeviceView>("GET", `/api/v1/devices/${id}`),
    async close() {
      await c.stop().catch(() => undefined);
      await db.drop().catch(() => undefined);
      rmSync(bundleDir, { recursive: true, force: true });
    },
  };
}
