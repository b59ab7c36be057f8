import { lstat, stat } from "node:fs/promises";
import { join } from "node:path";
import { BundleError, type BundleManifest } from "@outpost/cluster-core";
import { isErrnoCode } from "../util/durable-fs";

/**
 * Refuses, before anything is written, targets that would leave the k3s directories on disk:
 * a symbolic link anywhere on the way below `root` (or as the target itself), a file where a
 * directory belongs, or a directory where the file goes. The path text was checked already
 * (checkBundleTarget); this is what only the disk can tell.
 */
export async function checkPlacement(root: string, manifest: BundleManifest): Promise<void> {
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) throw new BundleError("BUNDLE_TARGET_REFUSED", `the placement root ${root} is not a directory`);
  for (const blob of manifest.blobs) await checkTarget(root, blob.target);
}

async function checkTarget(root: string, target: string): Promise<void> {
  const segments = target.split("/").filter(Boolean);
  let path = root;
  for (const [i, segment] of segments.entries()) {
    path = join(path, segment);
    let info;
    try {
      info = await lstat(path);
    } catch (err) {
      if (isErrnoCode(err, "ENOENT")) return; // created on placement
      throw err;
    }
    const last = i === segments.length - 1;
    const shown = `/${segments.slice(0, i + 1).join("/")}`;
    if (info.isSymbolicLink()) throw new BundleError("BUNDLE_TARGET_REFUSED", `${target}: ${shown} is a symbolic link on this device; bundles never write through links`);
    if (!last && !info.isDirectory()) throw new BundleError("BUNDLE_TARGET_REFUSED", `${target}: ${shown} is not a directory on this device`);
    if (last && !info.isFile()) throw new BundleError("BUNDLE_TARGET_REFUSED", `${target} is not a regular file on this device (a directory or device node is in the way)`);
  }
}
