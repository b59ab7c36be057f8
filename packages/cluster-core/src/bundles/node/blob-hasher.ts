import { createHash, type Hash } from "node:crypto";

export interface BlobDigest {
  sha256: string;
  size: number;
  /** sha256 of each chunkBytes piece, in order. */
  chunks: string[];
}

/**
 * Hashes a blob as it streams past: the whole-blob sha256 and the sha256 of every chunk, without
 * holding more than the current chunk's hash state. `update` returns the digests of the chunks
 * it completed, so a receiver can check each chunk the moment its last byte arrives.
 */
export class BlobHasher {
  private readonly whole = createHash("sha256");
  private chunk: Hash = createHash("sha256");
  private inChunk = 0;
  private size = 0;
  private readonly chunks: string[] = [];

  constructor(private readonly chunkBytes: number) {}

  update(data: Uint8Array): string[] {
    const done: string[] = [];
    this.whole.update(data);
    this.size += data.byteLength;
    let offset = 0;
    while (offset < data.byteLength) {
      const take = Math.min(this.chunkBytes - this.inChunk, data.byteLength - offset);
      this.chunk.update(data.subarray(offset, offset + take));
      this.inChunk += take;
      offset += take;
      if (this.inChunk === this.chunkBytes) done.push(this.closeChunk());
    }
    return done;
  }

  /** Ends the blob; a partly filled last chunk is closed too. */
  digest(): BlobDigest {
    if (this.inChunk > 0) this.closeChunk();
    return { sha256: this.whole.digest("hex"), size: this.size, chunks: this.chunks };
  }

  private closeChunk(): string {
    const hex = this.chunk.digest("hex");
    this.chunks.push(hex);
    this.chunk = createHash("sha256");
    this.inChunk = 0;
    return hex;
  }
}
