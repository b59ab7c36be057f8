import { ZAlertCondition, ZLabels, parseStoredJson, type AlertNotice } from "@outpost/cluster-core";
import type { Alert, AlertRule, Cluster, Site } from "../../../generated/prisma-sqlite";

export type AlertForNotice = Alert & {
  rule: Pick<AlertRule, "id" | "name" | "condition">;
  cluster: Pick<Cluster, "id" | "name" | "labels"> & { site: Pick<Site, "name"> };
};

/** What a Prisma include needs to build a notice. */
export const alertForNotice = {
  rule: { select: { id: true, name: true, condition: true } },
  cluster: { select: { id: true, name: true, labels: true, site: { select: { name: true } } } },
} as const;

/** The notice of an alert's firing or resolving, as webhooks receive it and every channel words it. */
export function buildAlertNotice(alert: AlertForNotice, event: AlertNotice["event"], deliveryId: string, at: Date, publicUrl: string | undefined): AlertNotice {
  return {
    version: 1,
    event,
    deliveryId,
    at: at.toISOString(),
    alert: {
      id: alert.id,
      rule: { id: alert.rule.id, name: alert.rule.name, condition: ZAlertCondition.catch("cluster-offline").parse(alert.rule.condition) },
      subject: alert.subject,
      message: alert.message,
      since: alert.since.toISOString(),
      firedAt: alert.firedAt?.toISOString() ?? null,
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    },
    cluster: {
      id: alert.cluster.id,
      name: alert.cluster.name,
      site: alert.cluster.site.name,
      labels: parseStoredJson(ZLabels, alert.cluster.labels, {}),
      url: publicUrl ? `${publicUrl.replace(/\/+$/, "")}/clusters/${alert.cluster.id}` : null,
    },
  };
}
