import type { Canary, WaveSize } from "./rollout-schemas";

export interface WaveCandidate {
  clusterId: string;
  name: string;
  siteId: string;
  online: boolean;
}

export interface PlannedWave {
  index: number;
  kind: "canary" | "wave";
  clusterIds: string[];
}

export class RolloutPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RolloutPlanError";
  }
}

/**
 * Splits the clusters a rollout targets into waves: the canary first (if any), then waves of
 * `waveSize`. A percentage is of the clusters left after the canary, rounded up and at least 1,
 * so 30 % of 10 clusters gives waves of 3, 3, 3 and 1. Clusters go in name order, so the plan is
 * the same every time for the same fleet.
 *
 * Canary by count picks online clusters first (a canary exists to prove the change quickly), one
 * per site before a second from any site, each group in name order.
 */
export function planRolloutWaves(candidates: readonly WaveCandidate[], canary: Canary, waveSize: WaveSize): PlannedWave[] {
  if (candidates.length === 0) throw new RolloutPlanError("the selector matches no clusters");
  const byName = [...candidates].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const canaryIds = pickCanary(byName, canary);
  const rest = byName.filter((c) => !canaryIds.includes(c.clusterId)).map((c) => c.clusterId);
  const waves: PlannedWave[] = [];
  if (canaryIds.length > 0) waves.push({ index: 0, kind: "canary", clusterIds: canaryIds });
  const size = waveSize.unit === "clusters" ? waveSize.value : Math.max(1, Math.ceil((rest.length * waveSize.value) / 100));
  for (let i = 0; i < rest.length; i += size) {
    waves.push({ index: waves.length, kind: "wave", clusterIds: rest.slice(i, i + size) });
  }
  return waves;
}

function pickCanary(byName: readonly WaveCandidate[], canary: Canary): string[] {
  switch (canary.mode) {
    case "none":
      return [];
    case "clusters": {
      const known = new Set(byName.map((c) => c.clusterId));
      const missing = canary.clusterIds.filter((id) => !known.has(id));
      if (missing.length > 0) throw new RolloutPlanError(`canary cluster(s) ${missing.join(", ")} are not among the clusters the selector matches`);
      const chosen = new Set(canary.clusterIds);
      if (chosen.size === byName.length) throw new RolloutPlanError("the canary cannot be every targeted cluster; leave at least one for the waves");
      return byName.filter((c) => chosen.has(c.clusterId)).map((c) => c.clusterId);
    }
    case "count": {
      if (canary.count >= byName.length) throw new RolloutPlanError(`a canary of ${canary.count} needs more than ${canary.count} targeted clusters (the selector matches ${byName.length})`);
      const picked: string[] = [];
      const sitesUsed = new Set<string>();
      for (const group of [byName.filter((c) => c.online), byName.filter((c) => !c.online)]) {
        for (const c of group) {
          if (picked.length < canary.count && !sitesUsed.has(c.siteId)) {
            picked.push(c.clusterId);
            sitesUsed.add(c.siteId);
          }
        }
        for (const c of group) {
          if (picked.length < canary.count && !picked.includes(c.clusterId)) picked.push(c.clusterId);
        }
      }
      return picked;
    }
  }
}
