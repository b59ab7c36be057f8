import type { AuditQuery, FleetQuery } from "@outpost/cluster-core";

/** What the fleet list is filtered by; part of the list's query key. */
export interface ClusterListFilter {
  selector: string;
  search: string;
}

/**
 * Every TanStack Query key of the UI, from one place so that live updates and mutations
 * invalidate exactly what they mean to. Cluster keys put the cluster first, like Headlamp's.
 */
export const queryKeys = {
  me: () => ["me"] as const,
  clusters: {
    all: () => ["clusters"] as const,
    lists: () => ["clusters", "list"] as const,
    /** Under "clusters" so that fleet:changed (a registration, a revocation) refreshes it too. */
    pending: () => ["clusters", "pending"] as const,
    list: (filter: ClusterListFilter) => ["clusters", "list", filter] as const,
    detail: (id: string) => ["clusters", id, "detail"] as const,
    desiredState: (id: string) => ["clusters", id, "desired-state"] as const,
    agentCredential: (id: string) => ["clusters", id, "agent-credential"] as const,
    historyAll: (id: string) => ["clusters", id, "history"] as const,
    changes: (id: string, page: number, pageSize: number) => ["clusters", id, "changes", { page, pageSize }] as const,
    history: (id: string, days: number) => ["clusters", id, "history", { days }] as const,
  },
  fleet: {
    all: () => ["clusters", "fleet"] as const,
    page: (query: FleetQuery) => ["clusters", "fleet", query] as const,
  },
  alerts: {
    all: () => ["alerts"] as const,
    list: (state: "firing" | "recent") => ["alerts", "list", state] as const,
    rules: () => ["alerts", "rules"] as const,
    channels: () => ["alerts", "channels"] as const,
  },
  notifications: {
    all: () => ["notifications"] as const,
  },
  search: {
    workloads: (q: string, field: string, page: number) => ["search", "workloads", { q, field, page }] as const,
  },
  savedViews: {
    list: () => ["saved-views", "list"] as const,
  },
  sites: {
    all: () => ["sites"] as const,
    list: () => ["sites", "list"] as const,
  },
  users: {
    list: () => ["users", "list"] as const,
  },
  grants: {
    list: () => ["grants", "list"] as const,
  },
  groups: {
    list: () => ["groups", "list"] as const,
  },
  apiTokens: {
    list: () => ["api-tokens", "list"] as const,
  },
  bundles: {
    all: () => ["bundles"] as const,
    list: () => ["bundles", "list"] as const,
    detail: (id: string) => ["bundles", id, "detail"] as const,
  },
  jobs: {
    all: () => ["jobs"] as const,
    detail: (id: string) => ["jobs", id, "detail"] as const,
  },
  devices: {
    all: () => ["devices"] as const,
    list: (clusterId?: string) => ["devices", "list", { clusterId: clusterId ?? null }] as const,
    detail: (id: string) => ["devices", id, "detail"] as const,
  },
  audit: {
    page: (query: AuditQuery) => ["audit", "page", query] as const,
  },
  rollouts: {
    all: () => ["rollouts"] as const,
    list: () => ["rollouts", "list"] as const,
    detail: (id: string) => ["rollouts", id, "detail"] as const,
    preview: (selector: string, strategy: unknown) => ["rollouts", "preview", { selector, strategy }] as const,
    clusterHistory: (clusterId: string) => ["rollouts", "cluster", clusterId, "history"] as const,
    clusterPause: (clusterId: string) => ["rollouts", "cluster", clusterId, "pause"] as const,
    siteWindows: (siteId: string) => ["rollouts", "site", siteId, "windows"] as const,
  },
  charts: {
    all: () => ["charts"] as const,
    list: () => ["charts", "list"] as const,
    detail: (id: string) => ["charts", id, "detail"] as const,
    repositories: () => ["charts", "repositories"] as const,
  },
};
