import type { BlobStore } from "./blob-store";
import type { BundleSigner } from "./bundle-signer";
import type { SiteBandwidth } from "./site-bandwidth";

/** The centre's shared bundle machinery (lives in ServerContext). */
export interface BundleRuntime {
  blobs: BlobStore;
  bandwidth: SiteBandwidth;
  /** Loaded on first use (see bundleSigner). */
  signer?: Promise<BundleSigner>;
  /** When each cluster's bundle progress was last written to the database (ms). */
  statusWrittenAt: Map<string, number>;
}
