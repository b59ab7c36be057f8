import { ZAlertCondition, type AlertState, type AlertView } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";

/**
 * Firing alerts, newest first, then (when asked) those resolved in the last 7 days; `visible` is
 * the caller's access clause over clusters.
 */
export async function listAlerts(db: Db, opts: { state: "firing" | "recent"; limit: number; visible?: Prisma.ClusterWhereInput }): Promise<AlertView[]> {
  const since = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
  const rows = await db.alert.findMany({
    where: {
      cluster: opts.visible ?? {},
      ...(opts.state === "firing" ? { state: "firing" } : { OR: [{ state: "firing" }, { state: "resolved", firedAt: { not: null }, resolvedAt: { gte: since } }] }),
    },
    orderBy: [{ firedAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    include: { rule: { select: { name: true, condition: true } }, cluster: { select: { name: true, site: { select: { name: true } } } } },
  });
  return rows.map((a) => ({
    id: a.id,
    ruleId: a.ruleId,
    ruleName: a.rule.name,
    condition: ZAlertCondition.catch("cluster-offline").parse(a.rule.condition),
    clusterId: a.clusterId,
    clusterName: a.cluster.name,
    siteName: a.cluster.site.name,
    subject: a.subject,
    state: a.state as AlertState,
    message: a.message,
    since: a.since.toISOString(),
    firedAt: a.firedAt?.toISOString() ?? null,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
  }));
}
