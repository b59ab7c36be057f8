import { createHash, type Hash } from "node:crypto";
import { constants as fsConstants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { BundleError, type BundleBlob } from "@outpost/cluster-core";
import { writeAll } from "../util/durable-fs";

/** A chunk did not match the signed manifest; its bytes were dropped (resume at verifiedOffset). */
export class ChunkMismatchError extends BundleError {
  constructor(
    message: string,
    readonly chunkIndex: number,
  ) {
    super("BUNDLE_BLOB_MISMATCH", message);
  }
}

/**
 * Receives one blob's bytes in order (from the tunnel or a USB directory) into a partial file,
 * holding back the current chunk in memory until its sha256 matches the signed manifest: the
 * file only ever holds verified chunks, so after a cut link or a `kill -9` the transfer resumes
 * at the file's end, and a bad chunk is dropped (the sender is asked for it again) without
 * touching what was good. The whole blob's sha256 is checked once the last chunk is in.
 */
export class VerifyingBlobWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    private readonly file: FileHandle,
    readonly path: string,
    private readonly blob: BundleBlob,
    private readonly chunkBytes: number,
    private readonly whole: Hash,
    private verified: number,
  ) {}

  /** Opens (creating) the partial file and re-verifies what it holds; a damaged tail is cut off. */
  static async open(path: string, blob: BundleBlob, chunkBytes: number): Promise<VerifyingBlobWriter> {
    const file = await open(path, fsConstants.O_RDWR | fsConstants.O_CREAT, 0o600);
    try {
      const size = (await file.stat()).size;
      const whole = createHash("sha256");
      const buf = Buffer.alloc(Math.min(chunkBytes, Math.max(size, 1)));
      let verified = 0;
      for (let index = 0; verified < blob.size; index += 1) {
        const chunkSize = Math.min(chunkBytes, blob.size - verified);
        if (size - verified < chunkSize) break;
        const view = buf.subarray(0, chunkSize);
        if ((await readFully(file, view, verified)) < chunkSize) break;
        if (createHash("sha256").update(view).digest("hex") !== blob.chunks[index]) break;
        whole.update(view);
        verified += chunkSize;
      }
      if (size !== verified) await file.truncate(verified);
      return new VerifyingBlobWriter(file, path, blob, chunkBytes, whole, verified);
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  /** Where the next byte goes: the end of the verified chunks plus what is held back. */
  get offset(): number {
    return this.verified + this.pendingBytes;
  }

  /** End of the last verified chunk: where a new transfer must start. */
  get verifiedOffset(): number {
    return this.verified;
  }

  get complete(): boolean {
    return this.verified === this.blob.size;
  }

  /**
   * Takes the next bytes. Throws BundleError BUNDLE_BLOB_MISMATCH when a chunk does not match
   * the manifest (its bytes are dropped; resume from verifiedOffset) or when bytes run past
   * the blob's size.
   */
  async write(data: Uint8Array): Promise<void> {
    let off = 0;
    while (off < data.byteLength) {
      if (this.complete) throw this.mismatch(`more than the manifest's ${this.blob.size} bytes arrived`);
      const index = this.verified / this.chunkBytes;
      const chunkSize = Math.min(this.chunkBytes, this.blob.size - this.verified);
      const take = Math.min(chunkSize - this.pendingBytes, data.byteLength - off);
      this.pending.push(Buffer.from(data.subarray(off, off + take)));
      this.pendingBytes += take;
      off += take;
      if (this.pendingBytes < chunkSize) continue;
      const bytes = Buffer.concat(this.pending, this.pendingBytes);
      this.pending = [];
      this.pendingBytes = 0;
      const digest = createHash("sha256").update(bytes).digest("hex");
      if (digest !== this.blob.chunks[index]) {
        throw new ChunkMismatchError(`blob ${this.blob.sha256} (${this.blob.target}): chunk ${index} (bytes ${this.verified}-${this.verified + chunkSize - 1}) hashes to ${digest}, the signed manifest says ${this.blob.chunks[index]}`, index);
      }
      await writeAll(this.file, bytes, this.verified);
      this.whole.update(bytes);
      this.verified += chunkSize;
    }
  }

  /** The last chunk is in: checks the whole blob's sha256 and makes the file durable. */
  async finish(): Promise<void> {
    if (!this.complete) throw this.mismatch(`only ${this.verified} of ${this.blob.size} bytes arrived`);
    const digest = this.whole.digest("hex");
    if (digest !== this.blob.sha256) throw this.mismatch(`the whole blob hashes to ${digest}`);
    await this.file.sync();
    await this.file.close();
  }

  /** Stops, keeping the verified chunks for a later resume; bytes held back are dropped. */
  async close(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    await this.file.close().catch(() => undefined);
  }

  private mismatch(detail: string): BundleError {
    this.pending = [];
    this.pendingBytes = 0;
    return new BundleError("BUNDLE_BLOB_MISMATCH", `blob ${this.blob.sha256} (${this.blob.target}): ${detail}`);
  }
}

async function readFully(file: FileHandle, into: Buffer, position: number): Promise<number> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await file.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}
