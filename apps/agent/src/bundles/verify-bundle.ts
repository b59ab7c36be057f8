import { BundleError, parseBundleManifest, type BundleManifest } from "@outpost/cluster-core";
import { verifyBundleSignature } from "@outpost/cluster-core/node";
import { checkPlacement } from "./check-placement";

/**
 * Everything that must hold before a single byte of a bundle is fetched or placed: signed by
 * the pinned key, a sound manifest, and targets that stay inside the k3s directories on this
 * disk. Throws BundleError with the reason; the same checks for the tunnel and for imports.
 */
export async function verifyBundle(manifestText: string, signature: unknown, pinnedKey: string | null, root: string): Promise<BundleManifest> {
  if (!pinnedKey) {
    throw new BundleError("BUNDLE_FOREIGN_KEY", "this agent has no pinned bundle signing key (it registered with a centre that did not send one); register it again to trust the centre's key");
  }
  verifyBundleSignature(manifestText, signature, pinnedKey);
  const manifest = parseBundleManifest(manifestText);
  await checkPlacement(root, manifest);
  return manifest;
}
