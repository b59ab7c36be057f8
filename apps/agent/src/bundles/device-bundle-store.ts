import { link, mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ZBundleSignature, ZId, ZSha256 } from "@outpost/cluster-core";
import { fsyncDirectory, isErrnoCode, writeFileDurably } from "../util/durable-fs";
import { sleep } from "../util/sleep";

/** A bundle the device has installed: its signed manifest, and how it came. */
export const ZInstalledBundle = z.object({
  id: ZId,
  manifest: z.string(),
  signature: ZBundleSignature,
  origin: z.enum(["tunnel", "import"]),
  /** Imported and not yet in a desired state: kept until the centre takes it in. */
  localOnly: z.boolean(),
  installedAt: z.string(),
});
export type InstalledBundle = z.infer<typeof ZInstalledBundle>;

/**
 * The device's content-addressed store, under STATE_DIR/bundles:
 *   blobs/<sha256>          complete, verified blobs (named only once verified)
 *   partial/<sha256>[.who]  verified chunks of a blob still arriving (resumed from its end)
 *   installed/<id>.json     bundles placed on this device
 * The agent and `outpost-agent import` may run at once: both take `lock` around installing
 * and garbage collection, and each writes its own partial files.
 */
export class DeviceBundleStore {
  private constructor(readonly dir: string) {}

  static async open(stateDir: string): Promise<DeviceBundleStore> {
    const dir = join(stateDir, "bundles");
    for (const sub of ["blobs", "partial", "installed"]) await mkdir(join(dir, sub), { recursive: true, mode: 0o700 });
    return new DeviceBundleStore(dir);
  }

  blobPath(sha256: string): string {
    return join(this.dir, "blobs", ZSha256.parse(sha256));
  }

  /** The partial file of a blob; `owner` keeps an import's apart from the agent's own. */
  partialPath(sha256: string, owner?: string): string {
    return join(this.dir, "partial", owner ? `${ZSha256.parse(sha256)}.${owner}` : ZSha256.parse(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return (await stat(this.blobPath(sha256)).catch(() => null)) !== null;
  }

  /** Moves a verified, fsynced partial file into the store under its name. */
  async commit(partial: string, sha256: string): Promise<void> {
    await rename(partial, this.blobPath(sha256));
    await fsyncDirectory(join(this.dir, "blobs"));
  }

  async blobs(): Promise<{ sha256: string; size: number }[]> {
    const names = (await readdir(join(this.dir, "blobs"))).filter((n) => ZSha256.safeParse(n).success);
    return Promise.all(names.map(async (sha256) => ({ sha256, size: (await stat(this.blobPath(sha256))).size })));
  }

  /** Verified bytes of a blob held so far (complete or partial). */
  async heldBytes(sha256: string): Promise<number> {
    const full = await stat(this.blobPath(sha256)).catch(() => null);
    if (full) return full.size;
    return (await stat(this.partialPath(sha256)).catch(() => null))?.size ?? 0;
  }

  /** Removes blobs and partial files no bundle references; returns the blobs removed. */
  async collectGarbage(referenced: ReadonlySet<string>): Promise<string[]> {
    const removed: string[] = [];
    for (const { sha256 } of await this.blobs()) {
      if (referenced.has(sha256)) continue;
      await rm(this.blobPath(sha256), { force: true });
      removed.push(sha256);
    }
    for (const name of await readdir(join(this.dir, "partial"))) {
      if (!referenced.has(name.slice(0, 64))) await rm(join(this.dir, "partial", name), { force: true });
    }
    return removed;
  }

  async installed(): Promise<Map<string, InstalledBundle>> {
    const out = new Map<string, InstalledBundle>();
    for (const name of await readdir(join(this.dir, "installed"))) {
      if (!name.endsWith(".json")) continue;
      try {
        const rec = ZInstalledBundle.parse(JSON.parse(await readFile(join(this.dir, "installed", name), "utf8")));
        out.set(rec.id, rec);
      } catch {
        // A damaged record counts as "not installed": the bundle is fetched and placed again.
      }
    }
    return out;
  }

  async writeInstalled(rec: InstalledBundle): Promise<void> {
    await writeFileDurably(join(this.dir, "installed", `${ZId.parse(rec.id)}.json`), JSON.stringify(ZInstalledBundle.parse(rec)));
  }

  async removeInstalled(id: string): Promise<void> {
    await rm(join(this.dir, "installed", `${ZId.parse(id)}.json`), { force: true });
  }

  /**
   * Runs `work` holding the store's lock (a file created exclusively, holding the owner's pid).
   * A lock whose owner is gone (killed) is taken over.
   */
  async withLock<T>(work: () => Promise<T>): Promise<T> {
    const lock = join(this.dir, "lock");
    // The pid is written first and the lock appears by link(2), so a lock file always names its owner.
    const mine = `${lock}.${process.pid}`;
    await writeFile(mine, String(process.pid), { mode: 0o600 });
    try {
      for (;;) {
        try {
          await link(mine, lock);
          break;
        } catch (err) {
          if (!isErrnoCode(err, "EEXIST")) throw err;
          const owner = Number(await readFile(lock, "utf8").catch(() => "0"));
          if (owner && !processAlive(owner)) await unlink(lock).catch(() => undefined);
          else await sleep(100);
        }
      }
    } finally {
      await unlink(mine).catch(() => undefined);
    }
    try {
      return await work();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isErrnoCode(err, "EPERM");
  }
}
