/**
 * The test bundle: what a device gets when the tests provision it, in the bundle directory format
 * (manifest.json + blobs/<sha256>, see cluster-core's bundle-manifest): the k3s stand-in as the
 * k3s binary, its install script and a generated air-gap image tarball of a realistic size. The
 * Outpost agent is not in it: the centre hands servers its own build.
 */
import { createCipheriv, createHash } from "node:crypto";
import { copyFileSync, createReadStream, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { REPO_DIR } from "../paths";

const CHUNK_BYTES = 1024 * 1024;
const STAND_IN = join(REPO_DIR, "tests/support/k3s-stand-in");

export type TestBlobRole = "k3s-binary" | "install-script" | "airgap-images";

export interface TestBundleBlob {
  sha256: string;
  size: number;
  role: TestBlobRole;
  target: string;
  chunks: string[];
  /** The blob's file under DIR/blobs. */
  path: string;
}

export interface TestBundle {
  dir: string;
  name: string;
  version: string;
  arch: "amd64" | "arm64" | "arm";
  blobs: TestBundleBlob[];
}

export interface TestBundleOptions {
  dir: string;
  name?: string;
  version?: string;
  /** The architecture the manifest claims (the content is what runs here). */
  arch?: "amd64" | "arm64" | "arm";
  /** Size of the generated air-gap image tarball (default 32 MiB). */
  imagesBytes?: number;
}

/** Builds the k3s stand-in and writes the test bundle directory. */
export async function createTestBundle(opts: TestBundleOptions): Promise<TestBundle> {
  const { dir } = opts;
  const arch = opts.arch ?? "amd64";
  const work = join(dir, "work");
  mkdirSync(join(dir, "blobs"), { recursive: true });
  mkdirSync(work, { recursive: true });

  const k3s = join(work, "k3s");
  await buildK3sStandIn(k3s);
  const images = join(work, `k3s-airgap-images-${arch}.tar`);
  writeGeneratedFile(images, opts.imagesBytes ?? 32 * 1024 * 1024, `${opts.name ?? "test"}-${opts.version ?? "1"}-${arch}`);

  const files: { path: string; role: TestBlobRole; target: string }[] = [
    { path: k3s, role: "k3s-binary", target: "/usr/local/bin/k3s" },
    { path: join(STAND_IN, "install.sh"), role: "install-script", target: "/usr/local/bin/k3s-install.sh" },
    { path: images, role: "airgap-images", target: `/var/lib/rancher/k3s/agent/images/k3s-airgap-images-${arch}.tar` },
  ];
  const blobs: TestBundleBlob[] = [];
  for (const f of files) {
    const { sha256, chunks } = await hashFile(f.path);
    const path = join(dir, "blobs", sha256);
    copyFileSync(f.path, path);
    blobs.push({ sha256, size: statSync(f.path).size, role: f.role, target: f.target, chunks, path });
  }
  const bundle: TestBundle = { dir, name: opts.name ?? "k3s-test", version: opts.version ?? "1.36.3-test.1", arch, blobs };
  const manifest = {
    formatVersion: 1,
    name: bundle.name,
    version: bundle.version,
    k3sVersion: "v1.36.3+k3s1",
    arch,
    createdAt: new Date().toISOString(),
    chunkBytes: CHUNK_BYTES,
    blobs: blobs.map(({ sha256, size, role, target, chunks }) => ({ sha256, size, role, target, chunks })),
  };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return bundle;
}

/**
 * Uploads the bundle's blobs and manifest to a centre (what `outpost bundle push` does); the
 * centre checks and signs it. Resolves with the bundle's id.
 */
export async function pushTestBundle(baseUrl: string, sessionCookie: string, bundle: TestBundle): Promise<string> {
  for (const blob of bundle.blobs) {
    const res = await fetch(`${baseUrl}/api/v1/blobs/${blob.sha256}`, {
      method: "PUT",
      headers: { cookie: sessionCookie, "content-type": "application/octet-stream" },
      body: readFileSync(blob.path),
    });
    if (res.status !== 201) throw new Error(`uploading ${blob.target}: ${res.status} ${await res.text()}`);
  }
  const res = await fetch(`${baseUrl}/api/v1/bundles`, {
    method: "POST",
    headers: { cookie: sessionCookie, "content-type": "application/json" },
    body: JSON.stringify({ manifest: readFileSync(join(bundle.dir, "manifest.json"), "utf8") }),
  });
  if (res.status !== 201) throw new Error(`creating bundle ${bundle.name} ${bundle.version}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** The stand-in as one executable file (`#!/usr/bin/env node`), with this checkout's paths baked in. */
export async function buildK3sStandIn(outFile: string): Promise<void> {
  const tmp = `${outFile}.tmp`;
  await build({
    entryPoints: [join(STAND_IN, "k3s-main.ts")],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    define: {
      "process.env.OUTPOST_STAND_IN_TESTCLUSTER": JSON.stringify(join(REPO_DIR, "scripts/testcluster.sh")),
    },
    banner: { js: ["#!/usr/bin/env node", 'import { createRequire as __k3sRequire } from "node:module";', "const require = __k3sRequire(import.meta.url);"].join("\n") },
  });
  renameSync(tmp, outFile);
  statSync(outFile);
  writeFileSync(outFile, readFileSync(outFile), { mode: 0o755 });
}

/** Deterministic incompressible bytes (AES-CTR keystream): a stand-in for image tarballs. */
function writeGeneratedFile(path: string, size: number, seed: string): void {
  const key = createHash("sha256").update(seed).digest().subarray(0, 16);
  const cipher = createCipheriv("aes-128-ctr", key, Buffer.alloc(16));
  const zero = Buffer.alloc(CHUNK_BYTES);
  const parts: Buffer[] = [];
  for (let left = size; left > 0; left -= CHUNK_BYTES) parts.push(cipher.update(zero.subarray(0, Math.min(CHUNK_BYTES, left))));
  writeFileSync(path, Buffer.concat(parts));
}

async function hashFile(path: string): Promise<{ sha256: string; chunks: string[] }> {
  const whole = createHash("sha256");
  const chunks: string[] = [];
  let chunk = createHash("sha256");
  let inChunk = 0;
  for await (const block of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    whole.update(block);
    let offset = 0;
    while (offset < block.length) {
      const take = Math.min(CHUNK_BYTES - inChunk, block.length - offset);
      chunk.update(block.subarray(offset, offset + take));
      inChunk += take;
      offset += take;
      if (inChunk === CHUNK_BYTES) {
        chunks.push(chunk.digest("hex"));
        chunk = createHash("sha256");
        inChunk = 0;
      }
    }
  }
  if (inChunk > 0) chunks.push(chunk.digest("hex"));
  return { sha256: whole.digest("hex"), chunks };
}
