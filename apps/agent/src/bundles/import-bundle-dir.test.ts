import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bundleIdOf, generateBundleSigningKey, type BundleSigningKey } from "@outpost/cluster-core/node";
import { importBundleDir } from "./import-bundle-dir";
import { writePinnedKey } from "./pinned-key";
import { writeTestBundleDir, type TestFile } from "./test-bundle.fixture";

const centreKey = generateBundleSigningKey();
const otherKey = generateBundleSigningKey();
const log = () => undefined;
const cleanup: string[] = [];
afterEach(() => cleanup.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const k3s: TestFile = { role: "k3s-binary", target: "/usr/local/bin/k3s", content: randomBytes(300_000) };
const images: TestFile = { role: "airgap-images", target: "/var/lib/rancher/k3s/agent/images/airgap.tar", content: randomBytes(200_000) };
const manifestFile: TestFile = { role: "manifest", target: "/var/lib/rancher/k3s/server/manifests/shop.yaml", content: Buffer.from("kind: ConfigMap\n") };

async function device(pin: boolean = true) {
  const stateDir = mkdtempSync(join(tmpdir(), "outpost-agent-state-"));
  const root = mkdtempSync(join(tmpdir(), "outpost-root-"));
  cleanup.push(stateDir, root);
  if (pin) await writePinnedKey(stateDir, centreKey.publicKey);
  return { stateDir, root };
}
function bundle(files: TestFile[], key: BundleSigningKey | null = centreKey) {
  const b = writeTestBundleDir(files, key);
  cleanup.push(b.dir);
  return b;
}
/** Every file under root (placement leaves nothing else). */
function placed(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length));
}

describe("outpost-agent import", () => {
  it("verifies and places every file where k3s expects it, programs executable", async () => {
    const d = await device();
    const b = bundle([k3s, images, manifestFile]);
    const result = await importBundleDir({ dir: b.dir, ...d }, log);
    expect(result.record).toMatchObject({ id: bundleIdOf(b.manifestText), origin: "import", localOnly: true });
    expect(readFileSync(join(d.root, "usr/local/bin/k3s")).equals(k3s.content)).toBe(true);
    expect(statSync(join(d.root, "usr/local/bin/k3s")).mode & 0o777).toBe(0o755);
    expect(statSync(join(d.root, "var/lib/rancher/k3s/agent/images/airgap.tar")).mode & 0o777).toBe(0o644);
    expect(placed(d.root).sort()).toEqual(["/usr/local/bin/k3s", "/var/lib/rancher/k3s/agent/images/airgap.tar", "/var/lib/rancher/k3s/server/manifests/shop.yaml"]);
    expect(readdirSync(join(d.stateDir, "bundles/blobs"))).toHaveLength(3);
    // A second import of the same bundle copies nothing new into the store.
    expect((await importBundleDir({ dir: b.dir, ...d }, log)).copiedBytes).toBe(0);
  });

  it("refuses an unsigned bundle and places nothing", async () => {
    const d = await device();
    const b = bundle([k3s], null);
    await expect(importBundleDir({ dir: b.dir, ...d }, log)).rejects.toMatchObject({ code: "BUNDLE_UNSIGNED" });
    expect(placed(d.root)).toEqual([]);
  });

  it("refuses a bundle signed by another key", async () => {
    const d = await device();
    const b = bundle([k3s], otherKey);
    await expect(importBundleDir({ dir: b.dir, ...d }, log)).rejects.toMatchObject({ code: "BUNDLE_FOREIGN_KEY", message: expect.stringContaining(otherKey.keyId) });
    expect(placed(d.root)).toEqual([]);
  });

  it("refuses when the device never pinned a key", async () => {
    const d = await device(false);
    await expect(importBundleDir({ dir: bundle([k3s]).dir, ...d }, log)).rejects.toThrow(/no pinned bundle signing key/);
  });

  it("refuses a manifest changed after signing", async () => {
    const d = await device();
    const b = bundle([images]);
    writeFileSync(join(b.dir, "manifest.json"), b.manifestText.replace("airgap.tar", "airgap2.tar"));
    await expect(importBundleDir({ dir: b.dir, ...d }, log)).rejects.toMatchObject({ code: "BUNDLE_SIGNATURE_INVALID" });
    expect(placed(d.root)).toEqual([]);
  });

  it("refuses a tampered blob, keeps nothing of it and places nothing (not even the good files)", async () => {
    const d = await device();
    const b = bundle([manifestFile, images]);
    const path = join(b.dir, "blobs", b.manifest.blobs[1]!.sha256);
    const bytes = readFileSync(path);
    bytes[150_000]! ^= 0x01;
    writeFileSync(path, bytes);
    await expect(importBundleDir({ dir: b.dir, ...d }, log)).rejects.toThrow(/chunk 2 .* the signed manifest says/);
    expect(placed(d.root)).toEqual([]);
    expect(readdirSync(join(d.stateDir, "bundles/partial"))).toEqual([]);
  });

  it("refuses a truncated blob", async () => {
    const d = await device();
    const b = bundle([images]);
    const path = join(b.dir, "blobs", b.manifest.blobs[0]!.sha256);
    writeFileSync(path, readFileSync(path).subarray(0, 150_000));
    await expect(importBundleDir({ dir: b.dir, ...d }, log)).rejects.toThrow(/only 131072 of 200000 bytes arrived/);
    expect(placed(d.root)).toEqual([]);
  });

  it("refuses a path-escaping target even when correctly signed", async () => {
    const d = await device();
    const b = bundle([{ ...manifestFile, role: "file", target: "/var/lib/rancher/k3s/server/manifests/../../../../../etc/cron.d/evil" }]);
    await expect(importBundleDir({ dir: b.dir, ...d }, log)).rejects.toMatchObject({ code: "BUNDLE_TARGET_REFUSED" });
    expect(placed(d.root)).toEqual([]);
  });

  it("refuses to write through a symbolic link on the device, placing none of the bundle", async () => {
    const d = await device();
    const elsewhere = mkdtempSync(join(tmpdir(), "outpost-elsewhere-"));
    cleanup.push(elsewhere);
    mkdirSync(join(d.root, "var/lib/rancher/k3s/server"), { recursive: true });
    symlinkSync(elsewhere, join(d.root, "var/lib/rancher/k3s/server/manifests"));
    const b = bundle([k3s, manifestFile]);
    await expect(importBundleDir({ dir: b.dir, ...d }, log)).rejects.toThrow(/\/var\/lib\/rancher\/k3s\/server\/manifests is a symbolic link on this device/);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(join(d.root, "usr/local/bin/k3s"))).toBe(false);
  });

  it("refuses a symbolic link as the target file itself", async () => {
    const d = await device();
    mkdirSync(join(d.root, "usr/local/bin"), { recursive: true });
    symlinkSync("/bin/true", join(d.root, "usr/local/bin/k3s"));
    await expect(importBundleDir({ dir: bundle([k3s]).dir, ...d }, log)).rejects.toThrow(/\/usr\/local\/bin\/k3s is a symbolic link/);
  });
});
