import { z } from "zod";
import { ZId, ZLabels, ZResourceName } from "../schemas/common";
import type { JobView } from "../jobs/job-views";
import { ZHostName, ZK3sOptions, type K3sOptions } from "./k3s-options";

const MAX_KEY_CHARS = 16 * 1024;

/** How the centre logs in to a device. Secrets arrive once and are sealed at rest. */
export const ZDeviceAuth = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("key"),
    privateKey: z
      .string()
      .max(MAX_KEY_CHARS, "a private key is at most 16 KiB")
      .refine((k) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(k), "paste the whole private key, from -----BEGIN … PRIVATE KEY----- to its END line"),
    passphrase: z.string().max(1024).optional(),
  }),
  z.object({ method: z.literal("password"), password: z.string().min(1, "the password is required").max(1024) }),
]);
export type DeviceAuth = z.infer<typeof ZDeviceAuth>;

/** https://host:6443, what k3s agents join (K3S_URL). */
export const ZK3sServerUrl = z
  .string()
  .max(300)
  .regex(/^https:\/\/[A-Za-z0-9.:[\]-]+(:\d{1,5})?\/?$/, "the k3s server URL looks like https://10.0.0.5:6443");

/** A new k3s server (its own cluster, created when its agent registers) or an agent joining a cluster. */
export const ZDeviceRole = z.discriminatedUnion("role", [
  z.object({ role: z.literal("server"), clusterName: ZResourceName }),
  z.object({
    role: z.literal("agent"),
    /** The cluster to join; or else… */
    clusterId: ZId.optional(),
    /** …the server device (being provisioned too) whose cluster it joins once that is online. */
    serverDeviceId: ZId.optional(),
    /** The k3s API to join; needed only when the cluster's server was not provisioned by Outpost. */
    serverUrl: ZK3sServerUrl.optional(),
  }),
]);

export const ZUnixUser = z
  .string()
  .min(1, "the user is required")
  .max(32)
  .regex(/^[a-z_][a-z0-9_-]*\$?$/, "a Linux user name (e.g. root, ubuntu, pi)");

export const ZCreateDeviceRequest = z.object({
  name: ZResourceName,
  host: ZHostName,
  port: z.number().int().min(1).max(65535).default(22),
  username: ZUnixUser,
  auth: ZDeviceAuth,
  siteId: ZId,
  labels: ZLabels.default({}),
  target: ZDeviceRole,
  k3s: ZK3sOptions.default({ disable: [], nodeLabels: {}, nodeTaints: [], tlsSan: [] }),
  bundleId: ZId.optional(),
  /** Start provisioning at once (default). */
  provision: z.boolean().default(true),
}).refine((d) => d.target.role === "server" || Boolean(d.target.clusterId) !== Boolean(d.target.serverDeviceId), {
  message: "an agent joins either a cluster (clusterId) or the cluster of a server device (serverDeviceId)",
  path: ["target", "clusterId"],
});
export type CreateDeviceRequest = z.input<typeof ZCreateDeviceRequest>;

/** Change how the centre logs in (e.g. after a wrong key); retry the job afterwards. */
export const ZUpdateDeviceRequest = z
  .object({ host: ZHostName, port: z.number().int().min(1).max(65535), username: ZUnixUser, auth: ZDeviceAuth, labels: ZLabels })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "nothing to change");

export interface DeviceHostKey {
  /** "SHA256:…", as `ssh-keygen -l` prints it. */
  fingerprint: string;
  type: string;
  pinnedAt: string;
}

export interface DeviceView {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string;
  authMethod: "key" | "password";
  hostKey: DeviceHostKey | null;
  siteId: string;
  siteName: string;
  labels: Record<string, string>;
  role: "server" | "agent";
  clusterName: string | null;
  clusterId: string | null;
  /** k3s options without the datastore endpoint, which may hold a password. */
  k3s: Omit<K3sOptions, "datastoreEndpoint"> & { datastoreEndpointSet: boolean };
  bundleId: string | null;
  facts: Record<string, unknown>;
  createdAt: string;
  /** The newest provisioning job, if any. */
  lastJob: JobView | null;
}

export interface DeviceCreated {
  device: DeviceView;
  job: JobView | null;
}
