// A device fetching a bundle over its tunnel loses its link (ip link set down) mid-transfer. When
// the link returns, the transfer resumes from the device's last verified chunk: at most the chunk
// that was in flight crosses the link twice, nothing is placed before the blob is whole and
// verified, and the files are whole.
// Run with `bash scripts/fault-tests.sh tests/faults/bundle-link-cut.fault-test.ts` (root).
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgent, type AgentProcess } from "../support/agent";
import { cliEnv, createAndPushBundle, filesUnder, holding, partialBytes, sha256File, tempDir, writeRandomFile } from "../support/bundles";
import { eventually } from "../support/eventually";
import { startFaultCentre, type FaultCentre } from "../support/fault-fixtures";
import { createDevice, destroyAllDevices, requireHubNamespace, type Device } from "../support/netns";

const MiB = 1024 * 1024;
const SIZE = 48 * MiB;

describe("a bundle transfer across a cut link", () => {
  let fc: FaultCentre;
  let device: Device;
  let agent: AgentProcess | undefined;
  const temps: string[] = [];

  beforeAll(async () => {
    requireHubNamespace();
    const blobDir = tempDir("fault-blobs");
    temps.push(blobDir);
    fc = await startFaultCentre({ heartbeatTimeoutMs: 6_000, env: { OUTPOST_BLOB_DIR: blobDir } });
    device = await createDevice(21);
  });
  afterAll(async () => {
    await agent?.kill();
    await destroyAllDevices();
    await fc?.close();
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  it("resumes after the link returns without re-sending verified chunks", async () => {
    const src = tempDir("fault-src");
    const out = tempDir("fault-out");
    temps.push(src, out);
    const images = await writeRandomFile(join(src, "images.tar"), SIZE);
    const bundle = await createAndPushBundle(fc.admin, await cliEnv(fc.centre.url, fc.admin), "ferry", join(out, "b"), ["--images", images]);

    const token = await fc.token("ferry-k3s");
    const stateDir = tempDir("fault-agent");
    temps.push(stateDir);
    agent = startAgent({ server: fc.urlFor(device), registrationToken: token, simulate: "ferry-k3s", stateDir, netns: device.name });
    const clusterId = await fc.clusterId("ferry-k3s", 60_000);
    // Slow enough to cut the link in the middle, on any machine.
    const site = (await fc.admin.cluster(clusterId)).siteId;
    await fc.admin.ok("PATCH", `/api/v1/sites/${site}`, { bandwidthCapBytesPerSec: 6 * MiB });
    await fc.admin.ok("POST", `/api/v1/bundles/${bundle.id}/assignments`, { clusterId });

    const sha = await sha256File(images);
    const placed = join(stateDir, "root/var/lib/rancher/k3s/agent/images/images.tar");
    await eventually(async () => partialBytes(stateDir, sha), (n) => n >= 16 * MiB, "a third verified on the device", 60_000);
    await device.linkDown();
    await eventually(async () => (await fc.detail(clusterId)).status, (s) => s === "offline", "the centre sees the agent gone", 30_000);
    // Cut off: the device holds whole verified chunks only, and has placed nothing.
    const kept = partialBytes(stateDir, sha);
    expect(kept).toBeGreaterThanOrEqual(16 * MiB);
    expect(kept).toBeLessThan(SIZE);
    expect(kept % MiB).toBe(0);
    expect(existsSync(placed)).toBe(false);
    await device.linkUp();

    const done = await eventually(() => holding(fc.admin, bundle.id, clusterId), (h) => h?.state === "installed", "installed after the link returned", 120_000);
    // The same agent process counted every byte it received, across the cut: at most the chunk
    // in flight when the link went down came twice.
    expect(done!.bytesFetched).toBeGreaterThanOrEqual(SIZE);
    expect(done!.bytesFetched).toBeLessThanOrEqual(SIZE + MiB);
    expect(await filesUnder(join(stateDir, "root"))).toEqual({ "/var/lib/rancher/k3s/agent/images/images.tar": sha });
    expect(partialBytes(stateDir, sha)).toBe(0);
  });
});
