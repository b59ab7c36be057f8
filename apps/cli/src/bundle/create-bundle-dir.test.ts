import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseBundleManifest } from "@outpost/cluster-core";
import { createBundleDir } from "./create-bundle-dir";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "outpost-cli-test-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("createBundleDir", () => {
  it("writes blobs named by their sha256 and a manifest with default k3s targets and chunk digests", async () => {
    const src = tmp();
    const k3s = randomBytes(200_000);
    writeFileSync(join(src, "k3s"), k3s);
    writeFileSync(join(src, "app.yaml"), "kind: ConfigMap\n");
    const out = join(tmp(), "bundle");
    const manifest = await createBundleDir({
      out,
      name: "shop-base",
      version: "1.0.0",
      k3sVersion: "v1.36.3+k3s1",
      arch: "amd64",
      chunkBytes: 64 * 1024,
      files: [
        { role: "k3s-binary", source: join(src, "k3s") },
        { role: "manifest", source: join(src, "app.yaml") },
      ],
    });
    const sha = createHash("sha256").update(k3s).digest("hex");
    expect(manifest.blobs[0]).toMatchObject({ sha256: sha, size: 200_000, target: "/usr/local/bin/k3s" });
    expect(manifest.blobs[0]!.chunks).toHaveLength(4);
    expect(manifest.blobs[1]!.target).toBe("/var/lib/rancher/k3s/server/manifests/app.yaml");
    expect(readFileSync(join(out, "blobs", sha)).equals(k3s)).toBe(true);
    expect(parseBundleManifest(readFileSync(join(out, "manifest.json"), "utf8"))).toEqual(manifest);
  });

  it("refuses a path-escaping target before writing anything", async () => {
    const src = tmp();
    writeFileSync(join(src, "x"), "x");
    const out = join(tmp(), "bundle");
    await expect(
      createBundleDir({ out, name: "b", version: "1", k3sVersion: "", arch: "amd64", chunkBytes: 65536, files: [{ role: "file", source: join(src, "x"), target: "/var/lib/rancher/k3s/server/manifests/../../../../etc/passwd" }] }),
    ).rejects.toThrow(/'\.\.' segment/);
    expect(() => readdirSync(out)).toThrow();
  });

  it("refuses to write into a directory that is not empty", async () => {
    const src = tmp();
    writeFileSync(join(src, "a.yaml"), "a");
    const out = tmp();
    mkdirSync(join(out, "old"));
    await expect(createBundleDir({ out, name: "b", version: "1", k3sVersion: "", arch: "amd64", chunkBytes: 65536, files: [{ role: "manifest", source: join(src, "a.yaml") }] })).rejects.toThrow(/not empty/);
  });
});
