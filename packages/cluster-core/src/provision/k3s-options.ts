import { z } from "zod";
import { ZLabels } from "../schemas/common";

/** A host name or an IPv4/IPv6 address, as k3s takes for --tls-san and as SSH targets. */
export const ZHostName = z
  .string()
  .min(1, "a host is required")
  .max(253)
  .regex(/^(?:[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$|^[0-9a-fA-F:.]+$/, "a host name (store-042.example.com) or an IP address");

export const K3S_PACKAGED_COMPONENTS = ["traefik", "servicelb", "local-storage", "metrics-server", "coredns"] as const;

const TAINT_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
export const ZNodeTaint = z.object({
  key: z.string().regex(TAINT_KEY, "taint keys look like 'dedicated' or 'example.com/gpu'"),
  value: z.string().regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, "taint values are at most 63 letters, digits, '-', '_' or '.'").default(""),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
});
export type NodeTaint = z.infer<typeof ZNodeTaint>;

/**
 * What an operator may choose for k3s on a device (written to /etc/rancher/k3s/config.yaml).
 * The datastore endpoint of an HA server usually carries a password: it is kept sealed and
 * never shown again.
 */
export const ZK3sOptions = z.object({
  disable: z.array(z.enum(K3S_PACKAGED_COMPONENTS)).max(K3S_PACKAGED_COMPONENTS.length).default([]),
  nodeLabels: ZLabels.default({}),
  nodeTaints: z.array(ZNodeTaint).max(32).default([]),
  tlsSan: z.array(ZHostName).max(32).default([]),
  datastoreEndpoint: z
    .string()
    .max(1024)
    .regex(/^(postgres|mysql|https?|sqlite|nats):\/\/\S+$/, "a datastore endpoint looks like postgres://user:pass@host:5432/k3s")
    .optional(),
});
export type K3sOptions = z.infer<typeof ZK3sOptions>;
export type K3sOptionsInput = z.input<typeof ZK3sOptions>;
