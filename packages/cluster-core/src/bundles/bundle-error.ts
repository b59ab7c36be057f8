/** Why a bundle (or one of its blobs) was refused; the code lets callers map it to their own errors. */
export type BundleErrorCode =
  | "BUNDLE_MANIFEST_INVALID"
  | "BUNDLE_UNSIGNED"
  | "BUNDLE_SIGNATURE_INVALID"
  | "BUNDLE_FOREIGN_KEY"
  | "BUNDLE_TARGET_REFUSED"
  | "BUNDLE_BLOB_MISMATCH"
  | "BUNDLE_BLOB_MISSING";

/** A bundle refused with a message that says what is wrong and where. */
export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "BundleError";
  }
}
