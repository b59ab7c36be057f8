import { z } from "zod";
import { ZId } from "../schemas/common";
import type { AgentAck } from "../schemas/agent-protocol";
import type { TunnelAck } from "../tunnel/tunnel-protocol";
import { BUNDLE_LIMITS, ZBundleSignature, ZSha256 } from "./bundle-manifest";

/**
 * Blob transfer over the agent's socket: the agent asks for the blobs it lacks, one range at a
 * time, and the centre streams them in frames it sends only as the agent acknowledges earlier
 * ones (a window, as in the kube tunnel), so neither end holds more than a few frames.
 *
 *   agent  → centre  bundle:fetch {transferId, bundleId, sha256, offset}
 *                    ack {ok, size} | {ok: false, error, retryAfterMs?}  (outside the site's window)
 *   centre → agent   bundle:data {transferId, offset, chunk}  (acked once written)
 *   centre → agent   bundle:end {transferId, error?}          (the range is complete, or failed)
 *   agent  → centre  bundle:cancel {transferId, reason}
 *   agent  → centre  bundle:status {bundles, store}           (what the device holds, progress)
 *
 * The agent verifies every manifest chunk (sha256 in the signed manifest) as its last byte
 * arrives, and resumes an interrupted blob from the end of the last good chunk.
 */
/**
 * 16 frames of 256 KiB unacknowledged (4 MiB): more than a lossy 40 ms link needs to stay busy
 * (scp keeps 2 MiB of SFTP writes outstanding), and few messages per byte on a busy CPU.
 */
export const BUNDLE_FRAME_BYTES = 256 * 1024;
export const BUNDLE_WINDOW = 16;

const ZTransferId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const ZBundleFetch = z.object({
  transferId: ZTransferId,
  bundleId: ZId,
  sha256: ZSha256,
  offset: z.number().int().min(0).max(BUNDLE_LIMITS.blobBytes),
});
export type BundleFetch = z.infer<typeof ZBundleFetch>;

export const ZBundleFetchAck = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), size: z.number().int().min(0) }),
  z.object({ ok: z.literal(false), error: z.string().max(2048), retryAfterMs: z.number().int().min(0).optional() }),
]);
export type BundleFetchAck = z.infer<typeof ZBundleFetchAck>;

export const ZBundleData = z.object({
  transferId: ZTransferId,
  offset: z.number().int().min(0),
  chunk: z
    .custom<Uint8Array>((c) => c instanceof Uint8Array, "chunk must be binary")
    .refine((c) => c.byteLength > 0 && c.byteLength <= BUNDLE_FRAME_BYTES, `frames are 1 to ${BUNDLE_FRAME_BYTES} bytes`),
});
export type BundleData = z.infer<typeof ZBundleData>;

export const ZBundleEnd = z.object({ transferId: ZTransferId, error: z.string().max(2048).optional() });
export type BundleEnd = z.infer<typeof ZBundleEnd>;

export const ZBundleCancel = z.object({ transferId: ZTransferId, reason: z.string().max(1024) });
export type BundleCancel = z.infer<typeof ZBundleCancel>;

/**
 * Where a bundle stands on a device: waiting (for its turn, the site's transfer window or the
 * link), fetching, placing, installed, or failed (message says why; nothing of it was placed).
 */
export const ZBundleHoldingState = z.enum(["waiting", "fetching", "placing", "installed", "failed"]);
export type BundleHoldingState = z.infer<typeof ZBundleHoldingState>;

export const ZBundleHolding = z.object({
  bundleId: ZId,
  name: z.string().max(63),
  version: z.string().max(64),
  state: ZBundleHoldingState,
  /** Bytes of the bundle's blobs the device holds verified. */
  bytesDone: z.number().int().min(0),
  bytesTotal: z.number().int().min(0),
  /** Bytes that crossed the link for it (blobs already held cost nothing). */
  bytesFetched: z.number().int().min(0),
  message: z.string().max(2048),
  /** How it arrived: over the tunnel, or from a directory (`outpost-agent import`). */
  origin: z.enum(["tunnel", "import"]),
  /**
   * Imported and not (yet) in the desired state: the device keeps it until the centre takes it
   * in. Once a desired state has listed it, it follows the desired state like any other.
   */
  localOnly: z.boolean(),
  updatedAt: z.number().int().min(0),
});
export type BundleHolding = z.infer<typeof ZBundleHolding>;

export const ZBundleStatusReport = z.object({
  bundles: z.array(ZBundleHolding).max(200),
  store: z.object({ blobs: z.number().int().min(0), bytes: z.number().int().min(0) }),
});
export type BundleStatusReport = z.infer<typeof ZBundleStatusReport>;

/** A bundle in a cluster's desired state: the signed manifest, verified by the agent with its pinned key. */
export const ZDesiredBundle = z.object({
  id: ZId,
  manifest: z.string().min(2).max(BUNDLE_LIMITS.manifestBytes),
  signature: ZBundleSignature,
});
export type DesiredBundle = z.infer<typeof ZDesiredBundle>;

export interface BundleAgentToCentreEvents {
  "bundle:fetch": (fetch: BundleFetch, ack: (res: BundleFetchAck) => void) => void;
  "bundle:cancel": (cancel: BundleCancel) => void;
  "bundle:status": (report: BundleStatusReport, ack: (res: AgentAck) => void) => void;
}

export interface BundleCentreToAgentEvents {
  "bundle:data": (data: BundleData, ack: (res: TunnelAck) => void) => void;
  "bundle:end": (end: BundleEnd) => void;
}
