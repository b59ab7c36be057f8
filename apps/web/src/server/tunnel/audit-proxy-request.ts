import type { CurrentUser, HttpMethod } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { log } from "../logging/log";

export interface ProxiedRequest {
  method: HttpMethod;
  clusterId: string;
  clusterName: string;
  /** The API path; its query string is left out of the log. */
  path: string;
  status: number;
}

/** Writes a change made through the kube proxy to the audit log; a failed write is logged, not thrown. */
export async function auditProxyRequest(ctx: ServerContext, user: CurrentUser, request: ProxiedRequest): Promise<void> {
  await recordAuditEvent(ctx.db, user, {
    action: `k8s.${request.method.toLowerCase()}`,
    targetType: "cluster",
    targetId: request.clusterId,
    details: { cluster: request.clusterName, path: request.path.split("?")[0], status: request.status },
  }).catch((err: unknown) => log.error({ err, cluster: request.clusterName }, "kube proxy audit event not written"));
}
