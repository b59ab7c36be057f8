import { ZKubeManifest, parseStoredJson, type DesiredState, type DesiredStateView } from "@outpost/cluster-core";
import { z } from "zod";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { desiredBundlesForCluster } from "../bundles/desired-bundles-for-cluster";
import { parseBundleIds } from "../bundles/parse-bundle-ids";

const ZStoredManifests = z.array(ZKubeManifest);

/** What the centre wants on a cluster (composed, with each source's own part) and what the agent applied. */
export async function getDesiredState(db: Db, clusterId: string): Promise<DesiredStateView> {
  const c = await db.cluster.findUnique({
    where: { id: clusterId },
    select: { desiredGeneration: true, appliedGeneration: true, desiredManifests: true, desiredSources: { select: { source: true, manifests: true }, orderBy: { source: "asc" } } },
  });
  if (!c) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  return {
    generation: c.desiredGeneration,
    appliedGeneration: c.appliedGeneration,
    manifests: parseStoredJson(ZStoredManifests, c.desiredManifests, []),
    sources: c.desiredSources.map((s) => ({ source: s.source, manifests: parseStoredJson(ZStoredManifests, s.manifests, []) })),
  };
}

/** The desired state to push to an agent (at hello, or after a change), if there is one; it always lists its bundles. */
export async function desiredStateForAgent(db: Db, clusterId: string): Promise<DesiredState | null> {
  const c = await db.cluster.findUnique({ where: { id: clusterId }, select: { desiredGeneration: true, desiredManifests: true, desiredBundleIds: true } });
  if (!c || c.desiredGeneration === 0) return null;
  return {
    generation: c.desiredGeneration,
    manifests: parseStoredJson(ZStoredManifests, c.desiredManifests, []),
    bundles: await desiredBundlesForCluster(db, parseBundleIds(c.desiredBundleIds)),
  };
}
