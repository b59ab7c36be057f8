import type { Db } from "../db/open-database";

/**
 * For each cluster, the spec (a rollout id) of the release it last ran healthily before it got
 * `rolloutId`, or no entry when it never ran the release before.
 */
export async function previousHealthySpecs(db: Db, releaseName: string, rolloutId: string, got: ReadonlyArray<{ clusterId: string; dispatchedAt: Date | null }>): Promise<Map<string, string | null>> {
  const earlier = await db.rolloutTarget.findMany({
    where: { clusterId: { in: got.map((t) => t.clusterId) }, phase: "healthy", rolloutId: { not: rolloutId }, rollout: { releaseName } },
    select: { clusterId: true, specRolloutId: true, dispatchedAt: true },
    orderBy: { dispatchedAt: "desc" },
  });
  const out = new Map<string, string | null>();
  for (const t of got) {
    const before = earlier.find((e) => e.clusterId === t.clusterId && e.dispatchedAt && t.dispatchedAt && e.dispatchedAt < t.dispatchedAt);
    if (before) out.set(t.clusterId, before.specRolloutId);
  }
  return out;
}
