import { ZClusterStatus, summarizeStatusHistory, type ClusterHistoryView } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";

const MAX_EVENTS = 1000;

/** A cluster's status transitions over the last `days`, newest first, with its outages and time offline. */
export async function getClusterHistory(db: Db, clusterId: string, days: number, now = new Date()): Promise<ClusterHistoryView> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { status: true, createdAt: true } });
  if (!cluster) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  const since = new Date(Math.max(now.getTime() - days * 24 * 60 * 60 * 1000, cluster.createdAt.getTime()));
  const rows = await db.clusterStatusEvent.findMany({ where: { clusterId, at: { gte: since } }, orderBy: [{ at: "desc" }, { id: "desc" }], take: MAX_EVENTS + 1 });
  const truncated = rows.length > MAX_EVENTS;
  const events = rows.slice(0, MAX_EVENTS).reverse();
  const status = (s: string) => ZClusterStatus.catch("offline").parse(s);
  const before = events.length > 0 && !truncated ? await db.clusterStatusEvent.findFirst({ where: { clusterId, at: { lt: since } }, orderBy: [{ at: "desc" }, { id: "desc" }] }) : null;
  // Before the window: the last transition's target, else the first listed transition's origin, else the status now.
  const statusAtStart = status(before?.to ?? events[0]?.from ?? cluster.status);
  const windowStart = truncated && events[0] ? events[0].at : since;
  const summary = summarizeStatusHistory(statusAtStart, events.map((e) => ({ at: e.at.getTime(), to: status(e.to), reason: e.reason })), windowStart.getTime(), now.getTime());
  return {
    since: windowStart.toISOString(),
    statusAtStart,
    events: events.reverse().map((e) => ({ at: e.at.toISOString(), from: status(e.from), to: status(e.to), reason: e.reason })),
    outages: summary.outages,
    offlineSeconds: Math.round(summary.offlineMs / 1000),
    segments: summary.segments.map((s) => ({ status: s.status, from: new Date(s.from).toISOString(), to: new Date(s.to).toISOString() })),
    truncated,
  };
}
