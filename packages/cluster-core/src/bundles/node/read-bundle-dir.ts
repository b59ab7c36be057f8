import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { BundleError } from "../bundle-error";
import { BUNDLE_BLOBS_DIR, BUNDLE_LIMITS, BUNDLE_MANIFEST_FILE, BUNDLE_SIGNATURE_FILE } from "../bundle-manifest";
import { isErrnoCode } from "../../node/is-errno-code";

export interface BundleDir {
  dir: string;
  /** manifest.json exactly as on disk (what the signature covers). */
  manifestText: string;
  /** manifest.sig parsed as JSON, or undefined when the directory has none (unsigned). */
  signature: unknown;
  blobPath(sha256: string): string;
}

/** Reads a bundle directory's manifest and signature (the blobs stay on disk until needed). */
export async function readBundleDir(dir: string): Promise<BundleDir> {
  let manifestText: string;
  try {
    const bytes = await readFile(join(dir, BUNDLE_MANIFEST_FILE));
    if (bytes.byteLength > BUNDLE_LIMITS.manifestBytes) throw new BundleError("BUNDLE_MANIFEST_INVALID", `${BUNDLE_MANIFEST_FILE} is larger than ${BUNDLE_LIMITS.manifestBytes} bytes`);
    manifestText = bytes.toString("utf8");
  } catch (err) {
    if (isErrnoCode(err, "ENOENT")) throw new BundleError("BUNDLE_MANIFEST_INVALID", `${dir} is not a bundle directory: it has no ${BUNDLE_MANIFEST_FILE}`);
    throw err;
  }
  let signature: unknown;
  try {
    signature = JSON.parse(await readFile(join(dir, BUNDLE_SIGNATURE_FILE), "utf8"));
  } catch (err) {
    if (isErrnoCode(err, "ENOENT")) signature = undefined;
    else if (err instanceof SyntaxError) throw new BundleError("BUNDLE_SIGNATURE_INVALID", `${BUNDLE_SIGNATURE_FILE} is not valid JSON`);
    else throw err;
  }
  return { dir, manifestText, signature, blobPath: (sha256) => join(dir, BUNDLE_BLOBS_DIR, sha256) };
}
