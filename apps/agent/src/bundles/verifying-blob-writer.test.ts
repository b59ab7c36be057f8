import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BlobHasher } from "@outpost/cluster-core/node";
import type { BundleBlob } from "@outpost/cluster-core";
import { ChunkMismatchError, VerifyingBlobWriter } from "./verifying-blob-writer";

const CHUNK = 64 * 1024;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function blobOf(data: Buffer): BundleBlob {
  const h = new BlobHasher(CHUNK);
  h.update(data);
  const d = h.digest();
  return { sha256: d.sha256, size: d.size, role: "file", target: "/var/lib/rancher/k3s/agent/images/x.tar", chunks: d.chunks };
}
function partialPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "outpost-writer-"));
  dirs.push(dir);
  return join(dir, "partial");
}

describe("VerifyingBlobWriter", () => {
  it("takes a blob in odd-sized frames and verifies the whole", async () => {
    const data = randomBytes(3 * CHUNK + 100);
    const path = partialPath();
    const w = await VerifyingBlobWriter.open(path, blobOf(data), CHUNK);
    for (let i = 0; i < data.length; i += 10_000) await w.write(data.subarray(i, i + 10_000));
    expect(w.complete).toBe(true);
    await w.finish();
    expect(readFileSync(path).equals(data)).toBe(true);
  });

  it("writes only verified chunks to disk, and resumes at the end of the last one", async () => {
    const data = randomBytes(3 * CHUNK + 100);
    const path = partialPath();
    const first = await VerifyingBlobWriter.open(path, blobOf(data), CHUNK);
    await first.write(data.subarray(0, CHUNK + 500)); // one chunk and a bit: the bit is held back
    expect(statSync(path).size).toBe(CHUNK);
    await first.close(); // e.g. the link was cut

    const resumed = await VerifyingBlobWriter.open(path, blobOf(data), CHUNK);
    expect(resumed.verifiedOffset).toBe(CHUNK);
    await resumed.write(data.subarray(CHUNK));
    await resumed.finish();
    expect(readFileSync(path).equals(data)).toBe(true);
  });

  it("drops a chunk that does not match the manifest and keeps the good ones", async () => {
    const data = randomBytes(2 * CHUNK);
    const bad = Buffer.from(data);
    bad[CHUNK + 7]! ^= 0xff;
    const w = await VerifyingBlobWriter.open(partialPath(), blobOf(data), CHUNK);
    await w.write(bad.subarray(0, CHUNK));
    const err = await w.write(bad.subarray(CHUNK)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChunkMismatchError);
    expect((err as ChunkMismatchError).chunkIndex).toBe(1);
    expect((err as Error).message).toMatch(/chunk 1 \(bytes 65536-131071\) hashes to [0-9a-f]{64}, the signed manifest says/);
    expect(w.verifiedOffset).toBe(CHUNK);
    expect(w.offset).toBe(CHUNK);
    await w.write(data.subarray(CHUNK)); // sent again, right this time
    await w.finish();
  });

  it("cuts a damaged tail off a partial file when resuming", async () => {
    const data = randomBytes(3 * CHUNK);
    const path = partialPath();
    const damaged = Buffer.from(data.subarray(0, 2 * CHUNK));
    damaged[CHUNK + 1]! ^= 1;
    writeFileSync(path, damaged);
    const w = await VerifyingBlobWriter.open(path, blobOf(data), CHUNK);
    expect(w.verifiedOffset).toBe(CHUNK);
    expect(statSync(path).size).toBe(CHUNK);
    await w.close();
  });

  it("refuses bytes past the manifest's size and a blob that ends early", async () => {
    const data = randomBytes(CHUNK + 10);
    const w = await VerifyingBlobWriter.open(partialPath(), blobOf(data), CHUNK);
    await w.write(data);
    await expect(w.write(Buffer.from([1]))).rejects.toThrow(/more than the manifest's 65546 bytes arrived/);
    const short = await VerifyingBlobWriter.open(partialPath(), blobOf(data), CHUNK);
    await short.write(data.subarray(0, CHUNK));
    await expect(short.finish()).rejects.toThrow(/only 65536 of 65546 bytes arrived/);
    await short.close();
  });
});
