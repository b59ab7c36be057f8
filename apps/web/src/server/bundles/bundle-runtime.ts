import type { BlobStore } from "./blob-store";
import { createByteBudget, type ByteBudget } from "./byte-budget";
import type { BundleSigner } from "./bundle-signer";
import { createSiteBandwidth, type SiteBandwidth } from "./site-bandwidth";

/** The centre's shared bundle machinery (lives in ServerContext). */
export interface BundleRuntime {
  blobs: BlobStore;
  bandwidth: SiteBandwidth;
  /** Unacknowledged frames of all transfers together (bounds the centre's memory). */
  inFlight: ByteBudget;
  /** Loaded on first use (see bundleSigner). */
  signer?: Promise<BundleSigner>;
  /** Per cluster: the bundle states last written to the database, and when (ms). */
  lastStatus: Map<string, { states: string; writtenAt: number }>;
}

/** At most this many bytes of bundle frames are unacknowledged at once, across all agents. */
const BYTES_IN_FLIGHT = 16 * 1024 * 1024;

export function createBundleRuntime(blobs: BlobStore): BundleRuntime {
  return { blobs, bandwidth: createSiteBandwidth(), inFlight: createByteBudget(BYTES_IN_FLIGHT), lastStatus: new Map() };
}
