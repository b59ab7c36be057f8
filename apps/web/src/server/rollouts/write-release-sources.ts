import { type KubeManifest, parseStoredJson, ZKubeManifest } from "@outpost/cluster-core";
import { z } from "zod";
import type { ServerContext } from "../context";

const ZStored = z.array(ZKubeManifest);
const SOURCE_ANNOTATION = "outpost.io/source";
const MANAGED_BY = "app.kubernetes.io/managed-by";

/** The desired-state source a release's HelmChart belongs to: one per release, so a newer rollout replaces it in place. */
export function releaseSource(releaseName: string): string {
  return `rollout:${releaseName}`;
}

/**
 * Sets what one release's source contributes to each listed cluster's desired state (an empty
 * list removes it), in one new generation per cluster, and pushes it to connected agents.
 *
 * STOP-GAP until the composed desired state (setDesiredSourceForClusters in
 * src/server/desired/) is in main: this merges into the stored manifest list by the
 * outpost.io/source annotation. Every rollout write goes through this one function.
 */
export async function writeReleaseSources(ctx: ServerContext, releaseName: string, byCluster: ReadonlyMap<string, KubeManifest[]>): Promise<void> {
  const source = releaseSource(releaseName);
  const ids = [...byCluster.keys()];
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const pushes = await ctx.db.$transaction(async (tx) => {
      const rows = await tx.cluster.findMany({ where: { id: { in: chunk } }, select: { id: true, desiredGeneration: true, desiredManifests: true } });
      const out: Array<{ id: string; generation: number; manifests: KubeManifest[] }> = [];
      for (const row of rows) {
        const kept = parseStoredJson(ZStored, row.desiredManifests, []).filter((m) => (m.metadata.annotations as Record<string, string> | undefined)?.[SOURCE_ANNOTATION] !== source);
        const added = (byCluster.get(row.id) ?? []).map((m) => ({
          ...m,
          metadata: {
            ...m.metadata,
            labels: { ...(m.metadata.labels as Record<string, string> | undefined), [MANAGED_BY]: "outpost" },
            annotations: { ...(m.metadata.annotations as Record<string, string> | undefined), [SOURCE_ANNOTATION]: source },
          },
        }));
        const manifests = [...kept, ...added];
        const generation = row.desiredGeneration + 1;
        await tx.cluster.update({ where: { id: row.id }, data: { desiredGeneration: generation, desiredManifests: JSON.stringify(manifests) } });
        out.push({ id: row.id, generation, manifests });
      }
      return out;
    });
    for (const p of pushes) ctx.presence.connectionOf(p.id)?.sendDesired({ generation: p.generation, manifests: p.manifests });
  }
}
