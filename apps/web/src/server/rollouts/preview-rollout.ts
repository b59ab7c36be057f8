import { planRolloutWaves, RolloutPlanError, type RolloutPreview, type RolloutStrategy } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { selectTargetClusters } from "./select-target-clusters";

/** The live preview of a rollout's target: matching clusters and the waves they would make. */
export async function previewRollout(db: Db, selector: string, strategy: RolloutStrategy): Promise<RolloutPreview> {
  const clusters = await selectTargetClusters(db, selector);
  const out: RolloutPreview = {
    clusters: clusters.map((c) => ({ id: c.id, name: c.name, siteName: c.siteName, status: c.status, paused: c.paused })),
    waves: [],
    problem: null,
  };
  try {
    out.waves = planRolloutWaves(
      clusters.map((c) => ({ clusterId: c.id, name: c.name, siteId: c.siteId, online: c.online })),
      strategy.canary,
      strategy.waveSize,
    ).map((w) => ({ kind: w.kind, clusterIds: w.clusterIds }));
  } catch (err) {
    if (!(err instanceof RolloutPlanError)) throw err;
    out.problem = err.message;
  }
  return out;
}
