import { z } from "zod";
import { type ZClusterStatus, ZId, ZLabels, ZResourceName, ZRole } from "./common";
import type { ClusterEvent, NodeInfo, WorkloadInfo } from "./snapshot";
import { ZSiteTransferPolicy } from "../bundles/transfer-window";

// ---- auth ------------------------------------------------------------------------------
export const ZLoginRequest = z.object({
  username: z.string().min(1, "username is required").max(63),
  password: z.string().min(1, "password is required").max(512),
});
export type LoginRequest = z.infer<typeof ZLoginRequest>;

export interface CurrentUser {
  id: string;
  username: string;
  role: z.infer<typeof ZRole>;
}

// ---- sites -----------------------------------------------------------------------------
const ZTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "not an IANA time zone (e.g. Europe/Berlin)");

const ZSiteFields = z.object({
  name: ZResourceName,
  labels: ZLabels,
  timeZone: ZTimeZone,
  location: z.string().max(200),
  /** Bundle transfers to the site's clusters: a shared bytes/s cap and a daily window (null: none). */
  bandwidthCapBytesPerSec: ZSiteTransferPolicy.shape.bandwidthCapBytesPerSec,
  transferWindow: ZSiteTransferPolicy.shape.transferWindow,
});

export const ZCreateSiteRequest = ZSiteFields.extend({
  labels: ZLabels.default({}),
  timeZone: ZTimeZone.default("UTC"),
  location: z.string().max(200).default(""),
  bandwidthCapBytesPerSec: ZSiteTransferPolicy.shape.bandwidthCapBytesPerSec.default(null),
  transferWindow: ZSiteTransferPolicy.shape.transferWindow.default(null),
});
export type CreateSiteRequest = z.input<typeof ZCreateSiteRequest>;

// No defaults here: a field left out of an update keeps its value.
export const ZUpdateSiteRequest = ZSiteFields.partial().refine((b) => Object.keys(b).length > 0, "nothing to change");

export interface SiteView {
  id: string;
  name: string;
  labels: Record<string, string>;
  timeZone: string;
  location: string;
  bandwidthCapBytesPerSec: number | null;
  transferWindow: string | null;
  clusterCount: number;
  createdAt: string;
}

// ---- clusters --------------------------------------------------------------------------
export interface ClusterSummary {
  id: string;
  name: string;
  siteId: string;
  siteName: string;
  labels: Record<string, string>;
  k3sVersion: string;
  status: z.infer<typeof ZClusterStatus>;
  simulated: boolean;
  lastSeenAt: string | null;
  offlineSince: string | null;
  nodesReady: number;
  nodesTotal: number;
  workloadsHealthy: number;
  workloadsTotal: number;
  /** Outbox records waiting on the device, as its agent last reported (null: unknown). */
  queuedAtDevice: number | null;
  /** Heartbeat round trip the agent last measured, ms (null: unknown). */
  linkRttMs: number | null;
}

export interface ClusterChangeView {
  seq: number;
  observedAt: string;
  receivedAt: string;
  type: string;
  kind: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  summary: string;
}

/** One page of a cluster's changes, newest first (GET /api/v1/clusters/:id/changes). */
export const ZClusterChangesQuery = z.object({
  page: z.coerce.number().int().min(1, "page is 1 or more").max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(10, "page size is 10 to 200").max(200, "page size is 10 to 200").default(50),
});

export interface ClusterChangePage {
  items: ClusterChangeView[];
  total: number;
  /** The page answered: a page past the end is answered with the last one. */
  page: number;
  pageSize: number;
}

export interface ClusterDetail extends ClusterSummary {
  /** The newest changes delivered through the outbox, newest first (the first page). */
  changes: ClusterChangeView[];
  /** How many changes are stored in all; older ones are paged through /changes. */
  changesTotal: number;
  nodes: NodeInfo[];
  workloads: WorkloadInfo[];
  events: ClusterEvent[];
  snapshotAt: string | null;
}

/** New labels, and/or the site the cluster moves to. */
export const ZUpdateClusterRequest = z
  .object({ labels: ZLabels, siteId: ZId })
  .partial()
  .refine((b) => b.labels !== undefined || b.siteId !== undefined, "nothing to change: send labels and/or siteId");

// ---- registration tokens ("add a cluster") ---------------------------------------------
export const ZCreateRegistrationTokenRequest = z.object({
  siteId: ZId,
  clusterName: ZResourceName,
  labels: ZLabels.default({}),
  ttlMinutes: z.number().int().min(5).max(7 * 24 * 60).default(60),
});
export type CreateRegistrationTokenRequest = z.input<typeof ZCreateRegistrationTokenRequest>;

export interface RegistrationTokenCreated {
  /** The token's id (for listing and revoking it); the token itself is shown this once. */
  id: string;
  token: string;
  expiresAt: string;
  /** For a device that already has the agent. */
  command: string;
  /** For a bare k3s server: one line that fetches the agent from the centre, installs it as a service and starts it. */
  installCommand?: string;
  /** How installCommand checks it talks to this centre, in words. */
  installTrust?: string;
}

/**
 * An issued registration token no agent has used yet: a cluster on its way, shown as pending
 * until an agent registers with it, it expires or someone revokes it.
 */
export interface PendingRegistrationView {
  id: string;
  clusterName: string;
  siteId: string;
  siteName: string;
  labels: Record<string, string>;
  /** Username of who issued it; null when that user was deleted since. */
  issuedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

// ---- users and API tokens --------------------------------------------------------------
const ZPassword = z.string().min(10, "passwords are at least 10 characters").max(512);

export const ZCreateUserRequest = z.object({
  username: ZResourceName,
  password: ZPassword,
  role: ZRole,
  /** "all": the new user also gets `role` on every cluster (a grant); "none": no cluster until granted. */
  clusterAccess: z.enum(["all", "none"]).default("all"),
});
export type CreateUserRequest = z.input<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .object({ role: ZRole, disabled: z.boolean(), password: ZPassword })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "nothing to change");

/** Changing one's own password: the current one proves it is really them at the keyboard. */
export const ZChangeOwnPasswordRequest = z.object({
  currentPassword: z.string().min(1, "enter your current password").max(512),
  newPassword: ZPassword,
});

export interface UserView {
  id: string;
  username: string;
  role: z.infer<typeof ZRole>;
  disabled: boolean;
  createdAt: string;
}

export const ZCreateApiTokenRequest = z.object({
  name: z.string().trim().min(1, "a name is required, e.g. ci-pipeline").max(100, "names are at most 100 characters"),
  expiresInDays: z.number("choose when the token expires").int().min(1, "at least 1 day").max(3650, "at most 10 years").optional(),
});

export interface ApiTokenView {
  id: string;
  name: string;
  /** "api", or "kubeconfig:<cluster id>" for a kubeconfig's token (that cluster's kube API only). */
  scope: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface AuditEventView {
  id: string;
  at: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

/** Filters and page of the audit log (GET /api/v1/audit/events, and the CSV export without page). */
export const ZAuditQuery = z.object({
  /** Free text: actor, action, target id or name, details. */
  q: z.string().trim().max(200, "search text is at most 200 characters").default(""),
  actor: z.string().trim().max(200).default(""),
  /** An action (`cluster.move`) or a family of them (`cluster.`). */
  action: z.string().trim().max(100).default(""),
  targetType: z.string().trim().max(50).default(""),
  from: z.iso.datetime({ offset: true, message: "from is a date and time like 2026-12-01T08:00:00Z" }).optional(),
  to: z.iso.datetime({ offset: true, message: "to is a date and time like 2026-12-01T18:00:00Z" }).optional(),
  page: z.coerce.number().int().min(1, "page is 1 or more").max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(10, "page size is 10 to 200").max(200, "page size is 10 to 200").default(50),
});
export type AuditQuery = z.output<typeof ZAuditQuery>;

/** An audit event with its target's name (as it is now, or as recorded) and whether it still exists. */
export interface AuditEventRow extends AuditEventView {
  targetName: string | null;
  targetExists: boolean;
}

export interface AuditPage {
  items: AuditEventRow[];
  total: number;
  page: number;
  pageSize: number;
  /** Every action and actor recorded, for the filter lists. */
  actions: string[];
  actors: string[];
}

/** The one error body every API route returns. */
export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
