import { BundleError } from "./bundle-error";
import { BUNDLE_LIMITS, ZBundleManifest, type BundleManifest } from "./bundle-manifest";
import { checkBundleTarget } from "./check-bundle-target";

/**
 * Reads a manifest's bytes (as text) and checks everything that can be checked without the
 * blobs: the schema, each blob's chunk count, each target against its role, and that no two
 * blobs land on the same path. Throws BundleError("BUNDLE_MANIFEST_INVALID" or
 * "BUNDLE_TARGET_REFUSED") naming the first problem. Verify the signature before trusting it.
 */
export function parseBundleManifest(text: string): BundleManifest {
  if (text.length > BUNDLE_LIMITS.manifestBytes) throw new BundleError("BUNDLE_MANIFEST_INVALID", `the manifest is larger than ${BUNDLE_LIMITS.manifestBytes / 1024 / 1024} MiB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BundleError("BUNDLE_MANIFEST_INVALID", "the manifest is not valid JSON");
  }
  const parsed = ZBundleManifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BundleError("BUNDLE_MANIFEST_INVALID", `manifest ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const manifest = parsed.data;
  const targets = new Set<string>();
  const sizes = new Map<string, number>();
  manifest.blobs.forEach((blob, i) => {
    const where = `blob ${i} (${blob.target})`;
    const expectedChunks = Math.ceil(blob.size / manifest.chunkBytes);
    if (blob.chunks.length !== expectedChunks) {
      throw new BundleError("BUNDLE_MANIFEST_INVALID", `${where}: ${blob.size} bytes make ${expectedChunks} chunk(s) of ${manifest.chunkBytes}, the manifest lists ${blob.chunks.length}`);
    }
    if (sizes.has(blob.sha256) && sizes.get(blob.sha256) !== blob.size) {
      throw new BundleError("BUNDLE_MANIFEST_INVALID", `${where}: sha256 ${blob.sha256} is listed with two different sizes`);
    }
    sizes.set(blob.sha256, blob.size);
    const refused = checkBundleTarget(blob.role, blob.target);
    if (refused) throw new BundleError("BUNDLE_TARGET_REFUSED", `${where}: ${refused}`);
    if (targets.has(blob.target)) throw new BundleError("BUNDLE_MANIFEST_INVALID", `${where}: two blobs write ${blob.target}`);
    targets.add(blob.target);
  });
  return manifest;
}
