import { composeDesiredState, DESIRED_STATE_LIMITS, DesiredStateConflictError, ZKubeManifest, parseStoredJson, type KubeManifest } from "@outpost/cluster-core";
import { z } from "zod";
import type { DbTransaction } from "../db/open-database";
import { AppError } from "../errors/app-error";

const ZStoredManifests = z.array(ZKubeManifest);

/** A cluster's new desired state, to push to its agent once the transaction has committed. */
export interface ComposedDesiredState {
  clusterId: string;
  generation: number;
  manifests: KubeManifest[];
}

/**
 * Within one transaction: replaces `source`'s part of each cluster's desired state (an empty list
 * removes the part) and recomposes the whole, under a new generation. The generation is bumped
 * first: on PostgreSQL that locks each cluster row, so two sources changing one cluster at once
 * take turns instead of each composing without the other's part. Clusters that no longer exist
 * are left out of the result. A conflict between sources, or a result over the limits, throws
 * (rolling everything back).
 */
export async function writeDesiredSources(tx: DbTransaction, source: string, parts: ReadonlyMap<string, KubeManifest[]>): Promise<ComposedDesiredState[]> {
  const ids = [...parts.keys()];
  if (ids.length === 0) return [];
  await tx.cluster.updateMany({ where: { id: { in: ids } }, data: { desiredGeneration: { increment: 1 } } });
  await tx.desiredSource.deleteMany({ where: { clusterId: { in: ids }, source } });
  const clusters = await tx.cluster.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, desiredGeneration: true } });
  const rows = clusters.filter((c) => parts.get(c.id)!.length > 0).map((c) => ({ clusterId: c.id, source, manifests: JSON.stringify(parts.get(c.id)) }));
  if (rows.length > 0) await tx.desiredSource.createMany({ data: rows });

  const stored = await tx.desiredSource.findMany({ where: { clusterId: { in: clusters.map((c) => c.id) } }, select: { clusterId: true, source: true, manifests: true } });
  const byCluster = new Map<string, { source: string; manifests: KubeManifest[] }[]>();
  for (const s of stored) {
    const list = byCluster.get(s.clusterId) ?? [];
    list.push({ source: s.source, manifests: parseStoredJson(ZStoredManifests, s.manifests, []) });
    byCluster.set(s.clusterId, list);
  }

  const result: ComposedDesiredState[] = [];
  for (const c of clusters) {
    const manifests = composeOrThrow(c.name, byCluster.get(c.id) ?? []);
    await tx.cluster.update({ where: { id: c.id }, data: { desiredManifests: JSON.stringify(manifests) } });
    result.push({ clusterId: c.id, generation: c.desiredGeneration, manifests });
  }
  return result;
}

function composeOrThrow(clusterName: string, parts: { source: string; manifests: KubeManifest[] }[]): KubeManifest[] {
  let manifests: KubeManifest[];
  try {
    manifests = composeDesiredState(parts);
  } catch (err) {
    if (err instanceof DesiredStateConflictError) throw new AppError("CONFLICT", `desired state of ${clusterName}: ${err.message}`);
    throw err;
  }
  if (manifests.length > DESIRED_STATE_LIMITS.manifests) {
    throw new AppError("INVALID_INPUT", `desired state of ${clusterName} would hold ${manifests.length} objects; at most ${DESIRED_STATE_LIMITS.manifests}`);
  }
  if (Buffer.byteLength(JSON.stringify(manifests)) > DESIRED_STATE_LIMITS.bytes) {
    throw new AppError("INVALID_INPUT", `desired state of ${clusterName} would be larger than ${DESIRED_STATE_LIMITS.bytes / 1024 / 1024} MiB`);
  }
  return manifests;
}
