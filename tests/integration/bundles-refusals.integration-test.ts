import { existsSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBundleManifest, type BundleView } from "@outpost/cluster-core";
import { generateBundleSigningKey, signBundleManifest } from "@outpost/cluster-core/node";
import { startBundleCentre, type BundleCentre } from "../support/bundle-centre";
import { createAndPushBundle, filesUnder, holding, runAgentImport, runCli, runCliOk, writeRandomFile } from "../support/bundles";
import { eventually } from "../support/eventually";

const MiB = 1024 * 1024;

/** Every way a bundle can be wrong is refused with a clear error, and nothing of it is placed. */
describe("bundle refusals: tampered, truncated, bad signature, foreign key, path escape", () => {
  let bc: BundleCentre;

  /** Creates and pushes a bundle of one images tarball (plus a manifest file), returns its id and dir. */
  const pushBundle = async (name: string, size: number) => {
    const src = bc.temp(`src-${name}`);
    await writeRandomFile(join(src, `${name}.tar`), size);
    writeFileSync(join(src, `${name}.yaml`), `kind: ConfigMap # ${name}\n`);
    const dir = join(bc.temp(`out-${name}`), name);
    const { id } = await createAndPushBundle(bc.admin, bc.cli, name, dir, ["--images", join(src, `${name}.tar`), "--manifest", join(src, `${name}.yaml`)]);
    return { id, dir, imagesSha: parseBundleManifest(readFileSync(join(dir, "manifest.json"), "utf8")).blobs[0]!.sha256 };
  };
  const centreBlob = (sha: string) => join(bc.blobDir, "sha256", sha.slice(0, 2), sha);

  beforeAll(async () => {
    bc = await startBundleCentre("clinic-2");
  }, 120_000);
  afterAll(async () => bc?.close());

  it("a blob tampered with at the centre, and one cut short, are refused by the agent; nothing is placed", async () => {
    const tampered = await pushBundle("tampered", 6 * MiB);
    const truncated = await pushBundle("truncated", 6 * MiB);
    const bytes = readFileSync(centreBlob(tampered.imagesSha));
    bytes[3 * MiB + 17]! ^= 0x40;
    writeFileSync(centreBlob(tampered.imagesSha), bytes);
    truncateSync(centreBlob(truncated.imagesSha), 4 * MiB);

    const device = await bc.register("clinic-2-a");
    await bc.admin.ok("POST", `/api/v1/bundles/${tampered.id}/assignments`, { clusterId: device.id });
    await bc.admin.ok("POST", `/api/v1/bundles/${truncated.id}/assignments`, { clusterId: device.id });
    const t = await eventually(() => holding(bc.admin, tampered.id, device.id), (h) => h?.state === "failed", "tampered blob refused", 30_000);
    expect(t!.message).toMatch(/chunk 3 \(bytes 3145728-4194303\) hashes to [0-9a-f]{64}, the signed manifest says [0-9a-f]{64} \(3 attempts\): the centre's copy of the blob does not match the signed manifest; nothing of it was placed/);
    const c = await eventually(() => holding(bc.admin, truncated.id, device.id), (h) => h?.state === "failed", "truncated blob refused", 30_000);
    expect(c!.message).toMatch(/the centre's copy of blob [0-9a-f]{64} \(\/var\/lib\/rancher\/k3s\/agent\/images\/truncated\.tar\) is 4194304 bytes; the signed manifest says 6291456/);
    expect(await filesUnder(device.root)).toEqual({});
    expect(readdirSync(join(device.stateDir, "bundles/blobs")).filter((b) => b === tampered.imagesSha || b === truncated.imagesSha)).toEqual([]);
  });

  it("a bundle signed by a key other than the one pinned at registration is refused", async () => {
    const good = await pushBundle("good", 2 * MiB);
    const device = await bc.register("clinic-2-b");
    await device.agent.stop();
    // As if the device had registered with another centre: it pinned a different key.
    const pinnedFile = join(device.stateDir, "bundle-signing-key.json");
    const other = generateBundleSigningKey();
    writeFileSync(pinnedFile, JSON.stringify({ publicKey: other.publicKey, keyId: other.keyId, pinnedAt: new Date().toISOString() }));
    bc.restart(device);
    await bc.admin.ok("POST", `/api/v1/bundles/${good.id}/assignments`, { clusterId: device.id });
    const h = await eventually(() => holding(bc.admin, good.id, device.id), (x) => x?.state === "failed", "foreign key refused", 30_000);
    expect(h!.message).toMatch(new RegExp(`signed by another key \\(key id [0-9a-f]{16}\\); this device trusts only the centre's key ${other.keyId}`));
    expect(h!.bytesFetched).toBe(0);
    expect(await filesUnder(device.root)).toEqual({});
  });

  it("USB import refuses a bad signature, an unsigned bundle and a path-escaping target; nothing is placed", async () => {
    const good = await pushBundle("usb", 2 * MiB);
    const device = await bc.register("clinic-2-c");
    await device.agent.stop();
    const usb = join(bc.temp("usb"), "stick");
    await runCliOk(["bundle", "pull", good.id, usb], bc.cli);

    const sigFile = join(usb, "manifest.sig");
    const sig = JSON.parse(readFileSync(sigFile, "utf8")) as { value: string };
    const flipped = { ...sig, value: `${sig.value[0] === "A" ? "B" : "A"}${sig.value.slice(1)}` };
    writeFileSync(sigFile, JSON.stringify(flipped));
    const bad = await runAgentImport(usb, device.stateDir, device.root);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/refused: the bundle's signature does not match its manifest .*; nothing was placed/);

    rmSync(sigFile);
    const unsigned = await runAgentImport(usb, device.stateDir, device.root);
    expect(unsigned.stderr).toMatch(/refused: the bundle is not signed/);

    // A correctly signed manifest (a device that pinned the test's own key) with an escaping target.
    const key = generateBundleSigningKey();
    writeFileSync(join(device.stateDir, "bundle-signing-key.json"), JSON.stringify({ publicKey: key.publicKey, keyId: key.keyId, pinnedAt: new Date().toISOString() }));
    const manifest = JSON.parse(readFileSync(join(usb, "manifest.json"), "utf8")) as { blobs: { target: string }[] };
    manifest.blobs[1]!.target = "/var/lib/rancher/k3s/server/manifests/../../../../../etc/cron.d/outpost";
    const text = JSON.stringify(manifest);
    writeFileSync(join(usb, "manifest.json"), text);
    writeFileSync(sigFile, JSON.stringify(signBundleManifest(text, key.privateKeyPem)));
    const escaping = await runAgentImport(usb, device.stateDir, device.root);
    expect(escaping.stderr).toMatch(/refused: blob 1 \(\/var\/lib\/rancher\/k3s\/server\/manifests\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/cron\.d\/outpost\): target .* has a '\.\.' segment; nothing was placed/);

    expect(await filesUnder(device.root)).toEqual({});
    expect(existsSync(join(device.root, "etc"))).toBe(false);
  });

  it("the centre refuses to sign a manifest with a path-escaping target or a blob it does not hold", async () => {
    const src = bc.temp("src-escape");
    writeFileSync(join(src, "a.yaml"), "a: 1\n");
    const dir = join(bc.temp("out-escape"), "escape");
    await runCliOk(["bundle", "create", "--name", "escape", "--version", "1", "--out", dir, "--manifest", join(src, "a.yaml")], bc.cli);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { blobs: { target: string; sha256: string }[] };
    manifest.blobs[0]!.target = "/etc/passwd";
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    // The CLI checks as the centre does, before uploading anything...
    const local = await runCli(["bundle", "push", dir], bc.cli);
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(/blob 0 \(\/etc\/passwd\): target '\/etc\/passwd' is outside the places a manifest may be written/);
    // ...and the centre refuses it whoever sends it.
    const escaping = await bc.admin.call("POST", "/api/v1/bundles", { manifest: JSON.stringify(manifest) });
    expect(escaping.status).toBe(422);
    expect(JSON.stringify(escaping.body)).toMatch(/target '\/etc\/passwd' is outside the places a manifest may be written/);

    manifest.blobs[0]!.target = "/var/lib/rancher/k3s/server/manifests/a.yaml";
    manifest.blobs[0]!.sha256 = "0".repeat(64);
    const res = await bc.admin.call("POST", "/api/v1/bundles", { manifest: JSON.stringify(manifest) });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toMatch(/blob 0{64} \(\/var\/lib\/rancher\/k3s\/server\/manifests\/a\.yaml\) is not uploaded/);
    expect((await bc.admin.ok<BundleView[]>("GET", "/api/v1/bundles")).some((b) => b.name === "escape")).toBe(false);
  });
});
