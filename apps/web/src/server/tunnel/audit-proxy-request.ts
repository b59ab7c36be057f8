import type { CurrentUser, TunnelIdentity } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { log } from "../logging/log";
import type { KubeAuditEntry } from "./classify-kube-request";

export interface ProxiedRequest {
  entry: KubeAuditEntry;
  clusterId: string;
  clusterName: string;
  status: number;
  /** Set when an admin acted as someone else (`kubectl --as`). */
  actingAs?: TunnelIdentity;
}

/**
 * Writes a kube API request that matters (see classify-kube-request.ts) to the audit log; a
 * failed write is logged, not thrown. Query strings stay out of the log: the details carry what
 * they mean (command, container, ports).
 */
export async function auditProxyRequest(ctx: ServerContext, user: CurrentUser, request: ProxiedRequest): Promise<void> {
  await recordAuditEvent(ctx.db, user, {
    action: request.entry.action,
    targetType: "cluster",
    targetId: request.clusterId,
    details: { cluster: request.clusterName, ...request.entry.details, status: request.status, ...(request.actingAs ? { actingAs: request.actingAs } : {}) },
  }).catch((err: unknown) => log.error({ err, cluster: request.clusterName }, "kube proxy audit event not written"));
}
