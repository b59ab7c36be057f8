import { planRolloutWaves, RolloutPlanError, type RolloutPreview, type RolloutStrategy } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { selectTargetClusters } from "./select-target-clusters";

/**
 * The live preview of a rollout's target: matching clusters and the waves they would make.
 * `visibleIds` (null: every cluster) limits it to the caller's clusters; matches beyond them are
 * counted in `problem`, since a rollout needs the operator role on every cluster it targets.
 */
export async function previewRollout(db: Db, selector: string, strategy: RolloutStrategy, visibleIds: string[] | null = null): Promise<RolloutPreview> {
  const matched = await selectTargetClusters(db, selector);
  const visible = visibleIds ? new Set(visibleIds) : null;
  const clusters = visible ? matched.filter((c) => visible.has(c.id)) : matched;
  const hidden = matched.length - clusters.length;
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
  if (hidden > 0) out.problem = `the selector also matches ${hidden} cluster(s) outside your grants; a rollout needs the operator role on every cluster it targets`;
  return out;
}
