import { z } from "zod";

/** A header-safe name: printable ASCII without spaces or commas, as Kubernetes user and group names through impersonation. */
const ZImpersonatedName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x21-\x2b\x2d-\x7e]+$/, "user and group names are printable ASCII without spaces or commas");

/**
 * Who a tunnelled request acts as on the cluster. The centre decides it from the caller's
 * Outpost identity and grants (never from headers the client sent); the agent turns it into
 * `Impersonate-User` / `Impersonate-Group` headers, so the cluster's own RBAC decides and its
 * audit log names the real user.
 */
export const ZTunnelIdentity = z.object({
  user: ZImpersonatedName,
  groups: z.array(ZImpersonatedName).max(64),
});
export type TunnelIdentity = z.infer<typeof ZTunnelIdentity>;

/** Features an agent announces in its handshake; the centre only uses what the agent has. */
export const AGENT_FEATURES = ["impersonation", "upgrade", "credential-rotation"] as const;
export const ZAgentFeatures = z.array(z.string().max(64)).max(32);
