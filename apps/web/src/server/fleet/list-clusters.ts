import { matchesLabelSelector, parseLabelSelector, LabelSelectorError, type ClusterSummary } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";
import { AppError } from "../errors/app-error";
import { clusterWithSite, toClusterSummary } from "./to-cluster-summary";

export interface ListClustersOptions {
  /** The caller's grants as a where clause (access/visible-clusters-where.ts). */
  visible: Prisma.ClusterWhereInput;
  /** Kubernetes-style label selector, e.g. `env=prod,!beta`. */
  selector?: string;
  /** Case-insensitive text matched against cluster and site names. */
  search?: string;
}

/**
 * The fleet, sorted by site then name. Filtering happens here rather than in SQL: selectors
 * over JSON labels differ per provider, and a fleet is hundreds of rows, not millions.
 */
export async function listClusters(db: Db, opts: ListClustersOptions): Promise<ClusterSummary[]> {
  let requirements;
  try {
    requirements = parseLabelSelector(opts.selector ?? "");
  } catch (err) {
    if (err instanceof LabelSelectorError) throw new AppError("INVALID_INPUT", `label selector: ${err.message}`);
    throw err;
  }
  const search = opts.search?.trim().toLowerCase() ?? "";
  const rows = await db.cluster.findMany({ where: opts.visible, include: clusterWithSite, orderBy: [{ name: "asc" }] });
  return rows
    .map(toClusterSummary)
    .filter((c) => matchesLabelSelector(c.labels, requirements))
    .filter((c) => !search || c.name.includes(search) || c.siteName.includes(search))
    .sort((a, b) => a.siteName.localeCompare(b.siteName) || a.name.localeCompare(b.name));
}
