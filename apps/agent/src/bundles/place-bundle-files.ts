import { chmod, copyFile, mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { EXECUTABLE_ROLES, type BundleManifest } from "@outpost/cluster-core";
import { fsyncDirectory } from "../util/durable-fs";
import { checkPlacement } from "./check-placement";
import type { DeviceBundleStore } from "./device-bundle-store";

/**
 * Puts every file of a verified bundle where k3s expects it, under `root`, each atomically:
 * copied from the store beside its target, fsynced, renamed over the target, directory fsynced.
 * k3s never sees a half-written file. Programs get 0755, everything else 0644.
 */
export async function placeBundleFiles(root: string, manifest: BundleManifest, store: DeviceBundleStore): Promise<void> {
  await checkPlacement(root, manifest);
  for (const blob of manifest.blobs) {
    const dest = join(root, blob.target);
    const dir = dirname(dest);
    await mkdir(dir, { recursive: true, mode: 0o755 });
    // Directories were just created: look again, so a link raced in meanwhile is still refused.
    await checkPlacement(root, { ...manifest, blobs: [blob] });
    const temp = join(dir, `.${basename(dest)}.outpost-${process.pid}`);
    try {
      await copyFile(store.blobPath(blob.sha256), temp);
      await chmod(temp, EXECUTABLE_ROLES.has(blob.role) ? 0o755 : 0o644);
      const handle = await open(temp, "r+");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, dest);
    } finally {
      await rm(temp, { force: true });
    }
    await fsyncDirectory(dir);
  }
}
