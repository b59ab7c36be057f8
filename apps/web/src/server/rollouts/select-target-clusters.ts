import { LabelSelectorError, matchesLabelSelector, parseLabelSelector, parseStoredJson, ZLabels } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";

export interface SelectedCluster {
  id: string;
  name: string;
  siteId: string;
  siteName: string;
  status: string;
  online: boolean;
  paused: boolean;
}

/** The clusters whose labels match a selector (k8s syntax; empty = all), in name order. */
export async function selectTargetClusters(db: Db, selector: string): Promise<SelectedCluster[]> {
  let requirements;
  try {
    requirements = parseLabelSelector(selector);
  } catch (err) {
    if (err instanceof LabelSelectorError) throw new AppError("INVALID_INPUT", `selector: ${err.message}`, [{ path: "selector", message: err.message }]);
    throw err;
  }
  const rows = await db.cluster.findMany({
    select: { id: true, name: true, labels: true, siteId: true, status: true, rolloutPausedBy: true, site: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  return rows
    .filter((c) => matchesLabelSelector(parseStoredJson(ZLabels, c.labels, {}), requirements))
    .map((c) => ({
      id: c.id,
      name: c.name,
      siteId: c.siteId,
      siteName: c.site.name,
      status: c.status,
      online: c.status === "online" || c.status === "degraded",
      paused: c.rolloutPausedBy !== null,
    }));
}
