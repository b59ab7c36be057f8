import { z } from "zod";
import { ZId } from "../schemas/common";
import { BUNDLE_LIMITS, ZSha256, type BundleBlobRole, type BundleSignature } from "./bundle-manifest";
import type { BundleHoldingState } from "./bundle-transfer-protocol";

// ---- blobs -----------------------------------------------------------------------------
/** POST /api/v1/blobs/missing — which of these blobs the centre lacks (upload only those). */
export const ZMissingBlobsRequest = z.object({ sha256s: z.array(ZSha256).max(BUNDLE_LIMITS.blobs) });
export interface MissingBlobsResponse {
  missing: string[];
}

/** PUT /api/v1/blobs/:sha256 and POST /api/v1/blobs (raw body): what the centre stored. */
export interface StoredBlobView {
  sha256: string;
  size: number;
  /** Whether the centre already had it (nothing was written). */
  existed: boolean;
}

// ---- bundles ---------------------------------------------------------------------------
/** POST /api/v1/bundles — the manifest's exact text; every blob must be uploaded first. */
export const ZCreateBundleRequest = z.object({ manifest: z.string().min(2).max(BUNDLE_LIMITS.manifestBytes) });

/**
 * POST /api/v1/bundles/compose — a bundle from blobs already uploaded (the UI's upload page):
 * the centre writes and signs the manifest.
 */
export const ZComposeBundleRequest = z.object({
  name: z.string(),
  version: z.string(),
  k3sVersion: z.string().default(""),
  arch: z.string(),
  blobs: z
    .array(z.object({ sha256: ZSha256, role: z.string(), target: z.string() }))
    .min(1, "add at least one file")
    .max(BUNDLE_LIMITS.blobs),
});
export type ComposeBundleRequest = z.input<typeof ZComposeBundleRequest>;

/** POST /api/v1/bundles/:id/assignments — one cluster, or every cluster a label selector matches. */
export const ZAssignBundleRequest = z.union([
  z.object({ clusterId: ZId }).strict(),
  z.object({ selector: z.string().min(1, "a selector is required").max(1024) }).strict(),
]);
export type AssignBundleRequest = z.infer<typeof ZAssignBundleRequest>;

export interface BundleAssignmentView {
  id: string;
  /** Set for a one-cluster assignment. */
  clusterId: string | null;
  clusterName: string | null;
  /** Set for a selector assignment. */
  selector: string | null;
  /** "operator" (assigned in Outpost) or "import" (the centre learnt of a USB import). */
  origin: string;
  createdAt: string;
}

/** Where a bundle stands on one cluster, as its agent last said (live while it transfers). */
export interface BundleClusterView {
  clusterId: string;
  clusterName: string;
  state: BundleHoldingState | "pending";
  bytesDone: number;
  bytesTotal: number;
  bytesFetched: number;
  message: string;
  origin: string | null;
  updatedAt: string | null;
}

export interface BundleView {
  id: string;
  name: string;
  version: string;
  k3sVersion: string;
  arch: string;
  blobCount: number;
  totalBytes: number;
  keyId: string;
  createdAt: string;
  createdBy: string;
  /** Clusters that should hold it / that hold it installed. */
  targetedClusters: number;
  installedClusters: number;
}

export interface BundleBlobView {
  sha256: string;
  size: number;
  role: BundleBlobRole;
  target: string;
}

export interface BundleDetail extends BundleView {
  blobs: BundleBlobView[];
  assignments: BundleAssignmentView[];
  clusters: BundleClusterView[];
  /** The signed manifest text and its signature (what `outpost bundle pull` writes). */
  manifest: string;
  signature: BundleSignature;
}

export interface BundleSigningKeyView {
  keyId: string;
  publicKey: string;
}
