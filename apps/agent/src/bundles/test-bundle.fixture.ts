import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLE_FORMAT_VERSION, type BundleBlobRole, type BundleManifest } from "@outpost/cluster-core";
import { BlobHasher, signBundleManifest, type BundleSigningKey } from "@outpost/cluster-core/node";

export interface TestFile {
  role: BundleBlobRole;
  target: string;
  content: Buffer;
}

export interface TestBundleDir {
  dir: string;
  manifest: BundleManifest;
  manifestText: string;
}

/** A bundle directory as `outpost bundle pull` writes it, signed with `key` (unsigned when null). */
export function writeTestBundleDir(files: TestFile[], key: BundleSigningKey | null, opts: { chunkBytes?: number; name?: string } = {}): TestBundleDir {
  const chunkBytes = opts.chunkBytes ?? 64 * 1024;
  const dir = mkdtempSync(join(tmpdir(), "outpost-test-bundle-"));
  mkdirSync(join(dir, "blobs"));
  const blobs = files.map((f) => {
    const h = new BlobHasher(chunkBytes);
    h.update(f.content);
    const d = h.digest();
    writeFileSync(join(dir, "blobs", d.sha256), f.content);
    return { sha256: d.sha256, size: d.size, role: f.role, target: f.target, chunks: d.chunks };
  });
  const manifest: BundleManifest = {
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: opts.name ?? "test-bundle",
    version: "1.0.0",
    k3sVersion: "v1.36.3+k3s1",
    arch: "amd64",
    createdAt: new Date().toISOString(),
    chunkBytes,
    blobs,
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(dir, "manifest.json"), manifestText);
  if (key) writeFileSync(join(dir, "manifest.sig"), JSON.stringify(signBundleManifest(manifestText, key.privateKeyPem)));
  return { dir, manifest, manifestText };
}
