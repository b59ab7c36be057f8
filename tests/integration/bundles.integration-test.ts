import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundleDetail, BundleView } from "@outpost/cluster-core";
import { startBundleCentre, type BundleCentre, type BundleCluster } from "../support/bundle-centre";
import { filesUnder, holding, runAgentImport, runCli, runCliOk, sha256File, writeRandomFile } from "../support/bundles";
import { eventually } from "../support/eventually";

const MiB = 1024 * 1024;

/** Bundles end to end with the real CLI, the real centre and real agent processes. */
describe("air-gap bundles: push, assignment, transfer over the tunnel, USB import", () => {
  let bc: BundleCentre;
  let bundleDir: string;
  let bundle: BundleDetail;
  let expected: Record<string, string>;
  let bakeryA: BundleCluster;

  beforeAll(async () => {
    bc = await startBundleCentre("bakery-9");
    const src = bc.temp("bundle-src");
    await writeRandomFile(join(src, "k3s"), 24 * MiB);
    await writeRandomFile(join(src, "k3s-airgap-images-amd64.tar"), 48 * MiB);
    await writeRandomFile(join(src, "shop-1.2.0.tgz"), 1 * MiB + 123);
    await writeRandomFile(join(src, "shop.yaml"), 2_000);
    bundleDir = join(bc.temp("bundle-out"), "shop-base");
    await runCliOk(["bundle", "create", "--name", "shop-base", "--version", "1.0.0", "--k3s-version", "v1.36.3+k3s1", "--out", bundleDir,
      "--k3s", join(src, "k3s"), "--images", join(src, "k3s-airgap-images-amd64.tar"), "--chart", join(src, "shop-1.2.0.tgz"), "--manifest", join(src, "shop.yaml")]);
    expected = {
      "/usr/local/bin/k3s": await sha256File(join(src, "k3s")),
      "/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar": await sha256File(join(src, "k3s-airgap-images-amd64.tar")),
      "/var/lib/rancher/k3s/server/static/charts/shop-1.2.0.tgz": await sha256File(join(src, "shop-1.2.0.tgz")),
      "/var/lib/rancher/k3s/server/manifests/shop.yaml": await sha256File(join(src, "shop.yaml")),
    };
  }, 240_000);
  afterAll(async () => bc?.close());

  it("push uploads the blobs, the centre signs the manifest and the CLI writes manifest.sig", async () => {
    const out = await runCliOk(["bundle", "push", bundleDir], bc.cli);
    expect(out).toMatch(/0 of 4 blob\(s\) already at the centre; uploading 4/);
    const [listed] = await bc.admin.ok<BundleView[]>("GET", "/api/v1/bundles");
    bundle = await bc.admin.ok<BundleDetail>("GET", `/api/v1/bundles/${listed!.id}`);
    expect(bundle).toMatchObject({ name: "shop-base", version: "1.0.0", blobCount: 4, totalBytes: 73 * MiB + 123 + 2_000 });
    const key = await bc.admin.ok<{ keyId: string }>("GET", "/api/v1/bundles/signing-key");
    expect(bundle.keyId).toBe(key.keyId);
    expect(readdirSync(bundleDir)).toContain("manifest.sig");
    // Pushing the same bytes again is refused as a duplicate, and uploads nothing.
    const again = await runCli(["bundle", "push", bundleDir], bc.cli);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/4 of 4 blob\(s\) already at the centre; uploading 0/);
    expect(again.stderr).toMatch(/409 bundle shop-base 1\.0\.0 already exists/);
  });

  it("reaches an online cluster and an offline one after it reconnects (assigned by label selector)", async () => {
    const online = (bakeryA = await bc.register("bakery-9-a", { shop: "bakery" }));
    const offline = await bc.register("bakery-9-b", { shop: "bakery" });
    await offline.agent.stop();
    await eventually(() => bc.admin.cluster(offline.id), (c) => c.status === "offline", "b offline");

    await bc.admin.ok("POST", `/api/v1/bundles/${bundle.id}/assignments`, { selector: "shop=bakery" });
    await eventually(() => holding(bc.admin, bundle.id, online.id), (h) => h?.state === "installed", "installed on the online cluster", 60_000);
    expect(await filesUnder(online.root)).toEqual(expected);
    expect((await holding(bc.admin, bundle.id, offline.id))?.state).toBe("pending");

    bc.restart(offline);
    const h = await eventually(() => holding(bc.admin, bundle.id, offline.id), (x) => x?.state === "installed", "installed after reconnecting", 60_000);
    expect(h).toMatchObject({ bytesDone: bundle.totalBytes, bytesTotal: bundle.totalBytes, origin: "tunnel" });
    expect(await filesUnder(offline.root)).toEqual(expected);
  });

  it("a USB stick import gives the same files, and the centre learns of it when the link returns", async () => {
    const device = await bc.register("bakery-9-usb", { shop: "other" });
    await device.agent.stop();
    const usb = join(bc.temp("usb"), "stick");
    await runCliOk(["bundle", "pull", bundle.id, usb], bc.cli);

    const { root } = device;
    const imported = await runAgentImport(usb, device.stateDir, root);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toMatch(/installed bundle shop-base 1\.0\.0 .*the centre learns of it when the agent is next connected/);
    expect(await filesUnder(root)).toEqual(expected);

    bc.restart(device);
    const h = await eventually(() => holding(bc.admin, bundle.id, device.id), (x) => x?.state === "installed", "the centre learnt of the import", 30_000);
    expect(h).toMatchObject({ origin: "import", bytesFetched: 0 });
    const detail = await bc.admin.ok<BundleDetail>("GET", `/api/v1/bundles/${bundle.id}`);
    expect(detail.assignments.find((a) => a.clusterId === device.id)).toMatchObject({ origin: "import" });
  });

  it("a second bundle sharing blobs moves only the new ones; unassigning drops blobs nothing references", async () => {
    const src = bc.temp("bundle2-src");
    await writeRandomFile(join(src, "shop.yaml"), 3_000);
    const dir2 = join(bc.temp("bundle2-out"), "shop-base-2");
    const fromFirst = (sha: string) => join(bundleDir, "blobs", sha);
    const k3sSha = expected["/usr/local/bin/k3s"]!;
    const imagesSha = expected["/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar"]!;
    await runCliOk(["bundle", "create", "--name", "shop-base", "--version", "1.1.0", "--out", dir2, "--k3s", fromFirst(k3sSha),
      "--file", `${fromFirst(imagesSha)}:/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar`, "--manifest", join(src, "shop.yaml")]);
    const pushed = await runCliOk(["bundle", "push", dir2], bc.cli);
    expect(pushed).toMatch(/2 of 3 blob\(s\) already at the centre; uploading 1/);
    const second = (await bc.admin.ok<BundleView[]>("GET", "/api/v1/bundles")).find((b) => b.version === "1.1.0")!;

    await bc.admin.ok("POST", `/api/v1/bundles/${second.id}/assignments`, { clusterId: bakeryA.id });
    const h = await eventually(() => holding(bc.admin, second.id, bakeryA.id), (x) => x?.state === "installed", "second bundle installed", 60_000);
    expect(h!.bytesFetched).toBe(3_000);

    const first = await bc.admin.ok<BundleDetail>("GET", `/api/v1/bundles/${bundle.id}`);
    const selector = first.assignments.find((x) => x.selector === "shop=bakery")!;
    await bc.admin.ok("DELETE", `/api/v1/bundles/${bundle.id}/assignments/${selector.id}`);
    const blobs = () => Promise.resolve(readdirSync(join(bakeryA.stateDir, "bundles/blobs")).sort());
    // Only the second bundle's three blobs stay: the chart and the first shop.yaml are gone.
    await eventually(blobs, (b) => b.length === 3, "store keeps only referenced blobs", 30_000);
    expect(await blobs()).toEqual([k3sSha, imagesSha, await sha256File(join(src, "shop.yaml"))].sort());
    // Placed files stay where k3s uses them.
    expect(Object.keys(await filesUnder(bakeryA.root))).toContain("/var/lib/rancher/k3s/server/static/charts/shop-1.2.0.tgz");
  });
});
