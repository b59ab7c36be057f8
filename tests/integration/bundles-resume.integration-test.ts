import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundleDetail } from "@outpost/cluster-core";
import { startBundleCentre, type BundleCentre } from "../support/bundle-centre";
import { createAndPushBundle, filesUnder, holding, partialBytes, sha256File, writeRandomFile } from "../support/bundles";
import { eventually } from "../support/eventually";

const MiB = 1024 * 1024;

describe("bundle transfers survive an agent kill -9", () => {
  let bc: BundleCentre;

  beforeAll(async () => {
    bc = await startBundleCentre("mill-3");
  }, 120_000);
  afterAll(async () => bc?.close());

  it("resumes from the last verified chunk: nothing verified is sent twice, and the files are whole", async () => {
    const src = bc.temp("src");
    const images = await writeRandomFile(join(src, "images.tar"), 40 * MiB);
    const dir = join(bc.temp("out"), "b");
    const b = await createAndPushBundle(bc.admin, bc.cli, "images", dir, ["--images", images]);
    const sha = await sha256File(images);

    // A capped site makes the transfer take a few seconds, long enough to kill the agent inside it.
    await bc.admin.ok("PATCH", `/api/v1/sites/${bc.siteId}`, { bandwidthCapBytesPerSec: 8 * MiB });
    const cluster = await bc.register("mill-3-k3s");
    const { id: clusterId, stateDir, root } = cluster;
    await bc.admin.ok("POST", `/api/v1/bundles/${b.id}/assignments`, { clusterId });

    await eventually(async () => partialBytes(stateDir, sha), (n) => n >= 12 * MiB, "a third of the blob verified on the device", 30_000);
    await cluster.agent.kill();
    const partial = join(stateDir, "bundles/partial", sha);
    const kept = statSync(partial).size;
    expect(kept).toBeGreaterThanOrEqual(11 * MiB);
    expect(kept % MiB).toBe(0); // only whole, verified chunks are on disk
    expect(existsSync(join(root, "var/lib/rancher/k3s/agent/images/images.tar"))).toBe(false);

    bc.restart(cluster);
    const h = await eventually(() => holding(bc.admin, b.id, clusterId), (x) => x?.state === "installed", "installed after the restart", 60_000);
    // The restarted agent asked only for what it lacked.
    expect(h!.bytesFetched).toBe(40 * MiB - kept);
    expect(await filesUnder(root)).toEqual({ "/var/lib/rancher/k3s/agent/images/images.tar": sha });
    expect(existsSync(partial)).toBe(false);
    const detail = await bc.admin.ok<BundleDetail>("GET", `/api/v1/bundles/${b.id}`);
    expect(detail.installedClusters).toBe(1);
  });
});
