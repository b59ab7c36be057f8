import { z } from "zod";

/** Kubernetes-style label key: optional DNS prefix, then a name of at most 63 characters. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export const ZLabelKey = z.string().regex(LABEL_KEY, "label keys look like 'region' or 'example.com/tier'");
export const ZLabelValue = z.string().regex(LABEL_VALUE, "label values are at most 63 letters, digits, '-', '_' or '.'");
export const ZLabels = z
  .record(ZLabelKey, ZLabelValue)
  .refine((l) => Object.keys(l).length <= 64, "at most 64 labels");
export type Labels = z.infer<typeof ZLabels>;

/** Names of sites, clusters and users: lower-case DNS labels, like Kubernetes object names. */
export const ZResourceName = z
  .string()
  .min(1, "a name is required")
  .max(63, "names are at most 63 characters")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "use lower-case letters, digits and '-' (e.g. store-042)");

export const ZId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not a valid id");

export const ZRole = z.enum(["admin", "operator", "viewer"]);
export type Role = z.infer<typeof ZRole>;

/** online: connected and responsive; degraded: connected over a slow or lossy link; offline: no connection. */
export const ZClusterStatus = z.enum(["pending", "online", "degraded", "offline"]);
export type ClusterStatus = z.infer<typeof ZClusterStatus>;

export const ZIsoDate = z.iso.datetime({ offset: true });
