import { ZLabels, parseStoredJson, type AlertCondition } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { ConditionHit } from "./plan-alert-changes";

const CONNECTED = { status: { in: ["online", "degraded"] } };
const clusterFields = { id: true, siteId: true, labels: true } as const;

/**
 * The alert conditions that hold now, read with one query per condition that some rule uses;
 * only problem rows are read, never the whole fleet. `startedAt` is the centre's start: an
 * outage is not counted from before it, or every centre restart would look like a long one.
 */
export async function collectAlertConditions(db: Db, wanted: Set<AlertCondition>, opts: { now: Date; startedAt: Date }): Promise<ConditionHit[]> {
  const hits: ConditionHit[] = [];
  const base = (c: { id: string; siteId: string; labels: string }) => ({ clusterId: c.id, siteId: c.siteId, labels: parseStoredJson(ZLabels, c.labels, {}) });
  const later = (a: Date | null, b: Date) => (a && a > b ? a : b);

  if (wanted.has("cluster-offline")) {
    const rows = await db.cluster.findMany({ where: { status: "offline" }, select: { ...clusterFields, offlineSince: true, statusSince: true } });
    for (const c of rows) {
      const since = later(c.offlineSince ?? c.statusSince, opts.startedAt);
      hits.push({ ...base(c), condition: "cluster-offline", subject: "", since, message: `offline since ${(c.offlineSince ?? since).toISOString()}` });
    }
  }
  if (wanted.has("link-degraded")) {
    const rows = await db.cluster.findMany({ where: { status: "degraded" }, select: { ...clusterFields, statusSince: true, linkRttMs: true } });
    for (const c of rows) {
      const rtt = c.linkRttMs !== null ? ` (heartbeat round trip ${c.linkRttMs} ms)` : "";
      hits.push({ ...base(c), condition: "link-degraded", subject: "", since: later(c.statusSince, opts.startedAt), message: `connected over a slow or lossy link${rtt}` });
    }
  }
  if (wanted.has("node-not-ready")) {
    const rows = await db.node.findMany({ where: { ready: false, cluster: CONNECTED }, select: { name: true, cluster: { select: clusterFields } } });
    for (const n of rows) hits.push({ ...base(n.cluster), condition: "node-not-ready", subject: n.name, since: opts.now, message: `node ${n.name} is NotReady` });
  }
  if (wanted.has("workload-unhealthy")) {
    const rows = await db.clusterWorkload.findMany({
      where: { ready: { lt: db.clusterWorkload.fields.desired }, cluster: CONNECTED },
      select: { namespace: true, kind: true, name: true, ready: true, desired: true, cluster: { select: clusterFields } },
    });
    for (const w of rows) {
      const subject = `${w.namespace}/${w.kind}/${w.name}`;
      hits.push({ ...base(w.cluster), condition: "workload-unhealthy", subject, since: opts.now, message: `${w.kind} ${w.namespace}/${w.name}: ${w.ready} of ${w.desired} ready` });
    }
  }
  if (wanted.has("desired-failing")) {
    const rows = await db.cluster.findMany({ where: { desiredError: { not: null } }, select: { ...clusterFields, desiredError: true, desiredErrorAt: true } });
    for (const c of rows) {
      hits.push({ ...base(c), condition: "desired-failing", subject: "", since: c.desiredErrorAt ?? opts.now, message: `desired state not applied: ${c.desiredError ?? ""}`.slice(0, 500) });
    }
  }
  return hits;
}
