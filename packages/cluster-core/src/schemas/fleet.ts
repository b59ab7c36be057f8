import { z } from "zod";
import type { ClusterSummary } from "./api";
import { ZClusterStatus, ZResourceName } from "./common";

// ---- the fleet list: one flat, paged, sorted and filtered list ---------------------------
export const FLEET_SORTS = ["problems", "name", "site", "k3s", "lastSeen"] as const;
export type FleetSort = (typeof FLEET_SORTS)[number];
/** Problems the counters filter by, beyond the status of the link. */
export const FLEET_PROBLEMS = ["nodes-not-ready", "workloads-unhealthy"] as const;
export type FleetProblem = (typeof FLEET_PROBLEMS)[number];
export const FLEET_PAGE_SIZES = [25, 50, 100, 200] as const;

/** A comma-separated list in one URL parameter (`status=offline,degraded`). */
const csv = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
    z.array(item).max(max, `at most ${max} values`),
  );

export const ZFleetQuery = z.object({
  /** Free text: cluster, site, label, k3s version, workload or image. */
  q: z.string().trim().max(200, "search text is at most 200 characters").default(""),
  status: csv(ZClusterStatus, 4).default([]),
  /** Site names (unique, readable in a shared URL). */
  site: csv(ZResourceName, 500).default([]),
  k3s: csv(z.string().min(1).max(64), 50).default([]),
  /** Kubernetes label selector over cluster labels. */
  selector: z.string().trim().max(2000, "the selector is at most 2000 characters").default(""),
  problem: z.enum(FLEET_PROBLEMS).optional(),
  sort: z.enum(FLEET_SORTS).default("problems"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  group: z.enum(["none", "site"]).default("none"),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (FLEET_PAGE_SIZES as readonly number[]).includes(n), `page size is one of ${FLEET_PAGE_SIZES.join(", ")}`)
    .default(50),
});
export type FleetQuery = z.output<typeof ZFleetQuery>;
export const DEFAULT_FLEET_QUERY: FleetQuery = ZFleetQuery.parse({});

const KEYS = Object.keys(ZFleetQuery.shape) as (keyof FleetQuery)[];

/** The fleet query's fields from URL parameters (unknown parameters are left out). */
export function fleetQueryInput(params: URLSearchParams): Record<string, string> {
  const input: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null) input[key] = value;
  }
  return input;
}

/** URL parameters of a fleet query; defaults are left out, so the plain fleet page has a plain address. */
export function fleetQueryToParams(query: FleetQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    const fallback = DEFAULT_FLEET_QUERY[key];
    const text = Array.isArray(value) ? value.join(",") : value === undefined ? "" : String(value);
    const defaultText = Array.isArray(fallback) ? fallback.join(",") : fallback === undefined ? "" : String(fallback);
    if (text !== defaultText) params.set(key, text);
  }
  return params;
}

/** The fleet list's honest counters: unknown is unknown, never counted as ready. */
export interface FleetCounters {
  clusters: number;
  online: number;
  degraded: number;
  offline: number;
  pending: number;
  /** Ready nodes on connected clusters. */
  nodesReady: number;
  /** Every node Outpost knows of, including the last known nodes of offline clusters. */
  nodesTotal: number;
  /** Nodes of clusters that are not connected: their state is not known now. */
  nodesUnknown: number;
  workloadsHealthy: number;
  workloadsTotal: number;
  workloadsUnknown: number;
  /** Connected clusters with at least one NotReady node / unhealthy workload. */
  clustersNodesNotReady: number;
  clustersWorkloadsUnhealthy: number;
}

export interface FleetListItem extends ClusterSummary {
  /** Times the cluster went offline in the last 24 hours. */
  outages24h: number;
}

export interface FleetPage {
  items: FleetListItem[];
  /** Clusters matching the whole query. */
  total: number;
  page: number;
  pageSize: number;
  /** Counters over the query without its status and problem filters (so they can be clicked). */
  counters: FleetCounters;
  /** k3s versions among the clusters the counters cover, for the version filter. */
  k3sVersions: { version: string; count: number }[];
}

// ---- saved views -------------------------------------------------------------------------
export const ZCreateSavedViewRequest = z.object({
  name: z.string().trim().min(1, "a name is required").max(80, "names are at most 80 characters"),
  /** The fleet page's URL query, e.g. `status=offline&site=store-berlin`. */
  query: z
    .string()
    .max(4000)
    .refine((q) => ZFleetQuery.safeParse(fleetQueryInput(new URLSearchParams(q))).success, "not a fleet list query"),
});

export interface SavedViewView {
  id: string;
  name: string;
  query: string;
  createdAt: string;
}

// ---- fleet-wide search of workloads and images -------------------------------------------
export const ZWorkloadSearchQuery = z.object({
  q: z.string().trim().min(2, "type at least 2 characters").max(200, "at most 200 characters"),
  /** What the text is matched against: workload names, image references, or both. */
  field: z.enum(["any", "name", "image"]).default("any"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type WorkloadSearchQuery = z.output<typeof ZWorkloadSearchQuery>;

export interface WorkloadSearchHit {
  clusterId: string;
  clusterName: string;
  siteName: string;
  clusterStatus: z.infer<typeof ZClusterStatus>;
  namespace: string;
  kind: string;
  name: string;
  ready: number;
  desired: number;
  images: string[];
}

export interface WorkloadSearchPage {
  items: WorkloadSearchHit[];
  total: number;
  page: number;
  pageSize: number;
  /** Distinct clusters and sites among all matches (not only this page). */
  clusters: number;
  sites: number;
  /** Matching images and on how many clusters each runs, most widespread first (at most 50). */
  images: { image: string; clusters: number }[];
}
