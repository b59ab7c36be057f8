import { BundleError, type BundleManifest, type BundleSignature } from "@outpost/cluster-core";
import type { DeviceBundleStore, InstalledBundle } from "./device-bundle-store";
import { placeBundleFiles } from "./place-bundle-files";

export interface VerifiedBundle {
  id: string;
  manifestText: string;
  signature: BundleSignature;
  manifest: BundleManifest;
}

/**
 * The last step of every installation, tunnel or USB: with every blob verified in the store,
 * places the files and records the bundle as installed. Call it holding the store's lock
 * (store.withLock), so that no garbage collection runs in between.
 */
export async function installBundle(store: DeviceBundleStore, root: string, bundle: VerifiedBundle, origin: InstalledBundle["origin"], localOnly: boolean): Promise<InstalledBundle> {
  for (const blob of bundle.manifest.blobs) {
    if (!(await store.has(blob.sha256))) throw new BundleError("BUNDLE_BLOB_MISSING", `blob ${blob.sha256} (${blob.target}) is not in the store`);
  }
  await placeBundleFiles(root, bundle.manifest, store);
  const rec: InstalledBundle = { id: bundle.id, manifest: bundle.manifestText, signature: bundle.signature, origin, localOnly, installedAt: new Date().toISOString() };
  await store.writeInstalled(rec);
  return rec;
}
