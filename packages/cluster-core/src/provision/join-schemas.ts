import { z } from "zod";
import { ZLabels } from "../schemas/common";
import { ZNodeTaint } from "./k3s-options";
import { ZK3sServerUrl } from "./device-schemas";

/** "Add node → Run a command": a single-use, expiring token for one new node of a cluster. */
export const ZCreateJoinTokenRequest = z.object({
  nodeLabels: ZLabels.default({}),
  nodeTaints: z.array(ZNodeTaint).max(32).default([]),
  ttlMinutes: z.number().int().min(5).max(24 * 60).default(60),
  /** Only when the cluster's server was not provisioned by Outpost. */
  serverUrl: ZK3sServerUrl.optional(),
});
export type CreateJoinTokenRequest = z.input<typeof ZCreateJoinTokenRequest>;

export interface JoinTokenCreated {
  /** Shown once; only its hash is stored. */
  token: string;
  expiresAt: string;
  /** The line to paste on the new device. */
  command: string;
  /** How the command checks it talks to this centre ("public key pinned", or why it cannot). */
  trust: string;
  /** The job that follows the join until the node is Ready. */
  jobId: string;
}

/** What the device says when it claims its token (POST /api/v1/join/claim). */
export const ZJoinClaimRequest = z.object({
  hostname: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "the device's host name must be a lower-case DNS label (k3s names the node after it)"),
  arch: z.string().min(1).max(32).regex(/^[A-Za-z0-9_]+$/),
});
export type JoinClaimRequest = z.infer<typeof ZJoinClaimRequest>;
