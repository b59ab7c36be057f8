import { ZK3sOptions, ZLabels, parseStoredJson, type DeviceView, type JobView } from "@outpost/cluster-core";
import { z } from "zod";

export interface DeviceRow {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string;
  authMethod: string;
  hostKeyFingerprint: string | null;
  hostKeyType: string | null;
  hostKeyPinnedAt: Date | null;
  siteId: string;
  site: { name: string };
  labels: string;
  role: string;
  clusterName: string | null;
  clusterId: string | null;
  k3sOptions: string;
  datastoreSealed: string | null;
  bundleId: string | null;
  facts: string;
  createdAt: Date;
}

export const deviceWithSite = { site: { select: { name: true } } } as const;

/** A device as browsers and API clients see it: never a secret, only whether one is set. */
export function toDeviceView(row: DeviceRow, lastJob: JobView | null): DeviceView {
  const { datastoreEndpoint: _hidden, ...k3s } = parseStoredJson(ZK3sOptions, row.k3sOptions, ZK3sOptions.parse({}));
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    username: row.username,
    authMethod: row.authMethod === "password" ? "password" : "key",
    hostKey: row.hostKeyFingerprint && row.hostKeyPinnedAt ? { fingerprint: row.hostKeyFingerprint, type: row.hostKeyType ?? "unknown", pinnedAt: row.hostKeyPinnedAt.toISOString() } : null,
    siteId: row.siteId,
    siteName: row.site.name,
    labels: parseStoredJson(ZLabels, row.labels, {}),
    role: row.role === "agent" ? "agent" : "server",
    clusterName: row.clusterName,
    clusterId: row.clusterId,
    k3s: { ...k3s, datastoreEndpointSet: row.datastoreSealed !== null },
    bundleId: row.bundleId,
    facts: parseStoredJson(z.record(z.string(), z.unknown()), row.facts, {}),
    createdAt: row.createdAt.toISOString(),
    lastJob,
  };
}
