import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { BundleManifest } from "./bundle-manifest";
import { parseBundleManifest } from "./parse-bundle-manifest";

const CHUNK = 64 * 1024;
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

function manifest(overrides: Partial<BundleManifest> = {}): BundleManifest {
  return {
    formatVersion: 1,
    name: "shop-base",
    version: "1.0.0",
    k3sVersion: "v1.36.3+k3s1",
    arch: "amd64",
    createdAt: "2026-12-01T10:00:00.000Z",
    chunkBytes: CHUNK,
    blobs: [
      { sha256: sha("k3s"), size: CHUNK + 1, role: "k3s-binary", target: "/usr/local/bin/k3s", chunks: [sha("a"), sha("b")] },
      { sha256: sha("m"), size: 10, role: "manifest", target: "/var/lib/rancher/k3s/server/manifests/shop.yaml", chunks: [sha("m")] },
      { sha256: sha(""), size: 0, role: "manifest", target: "/var/lib/rancher/k3s/server/manifests/empty.yaml", chunks: [] },
    ],
    ...overrides,
  };
}

describe("parseBundleManifest", () => {
  it("reads a valid manifest", () => {
    const m = manifest();
    expect(parseBundleManifest(JSON.stringify(m))).toEqual(m);
  });

  it("refuses text that is not JSON", () => {
    expect(() => parseBundleManifest("{not json")).toThrow(expect.objectContaining({ code: "BUNDLE_MANIFEST_INVALID", message: "the manifest is not valid JSON" }));
  });

  it("names the field that breaks the schema", () => {
    const bad = { ...manifest(), blobs: [{ ...manifest().blobs[0]!, role: "kernel" }] };
    expect(() => parseBundleManifest(JSON.stringify(bad))).toThrow(/manifest blobs\.0\.role/);
  });

  it("refuses a chunk list that does not fit the size", () => {
    const bad = manifest({ blobs: [{ ...manifest().blobs[0]!, chunks: [sha("a")] }] });
    expect(() => parseBundleManifest(JSON.stringify(bad))).toThrow(/65537 bytes make 2 chunk\(s\) of 65536, the manifest lists 1/);
  });

  it("refuses a path-escaping target with BUNDLE_TARGET_REFUSED", () => {
    const bad = manifest({ blobs: [{ ...manifest().blobs[1]!, target: "/var/lib/rancher/k3s/server/manifests/../../../../../etc/passwd" }] });
    expect(() => parseBundleManifest(JSON.stringify(bad))).toThrow(expect.objectContaining({ code: "BUNDLE_TARGET_REFUSED", message: expect.stringMatching(/'\.\.' segment/) }));
  });

  it("refuses an absolute target outside the k3s directories", () => {
    const bad = manifest({ blobs: [{ ...manifest().blobs[1]!, role: "file", target: "/root/.ssh/authorized_keys" }] });
    expect(() => parseBundleManifest(JSON.stringify(bad))).toThrow(expect.objectContaining({ code: "BUNDLE_TARGET_REFUSED" }));
  });

  it("refuses two blobs writing the same path", () => {
    const m = manifest();
    const bad = manifest({ blobs: [m.blobs[1]!, { ...m.blobs[2]!, target: m.blobs[1]!.target }] });
    expect(() => parseBundleManifest(JSON.stringify(bad))).toThrow(/two blobs write \/var\/lib\/rancher\/k3s\/server\/manifests\/shop\.yaml/);
  });

  it("refuses one sha256 listed with two sizes", () => {
    const m = manifest();
    const bad = manifest({ blobs: [m.blobs[1]!, { ...m.blobs[1]!, size: 11, target: "/var/lib/rancher/k3s/server/manifests/b.yaml" }] });
    expect(() => parseBundleManifest(JSON.stringify(bad))).toThrow(/two different sizes/);
  });

  it("refuses a chunk size that is not a power of two", () => {
    expect(() => parseBundleManifest(JSON.stringify(manifest({ chunkBytes: 100_000 })))).toThrow(/chunkBytes/);
  });
});
