import { ZKubeManifest, parseStoredJson, type CurrentUser, type DesiredState, type DesiredStateView } from "@outpost/cluster-core";
import { z } from "zod";
import type { ServerContext } from "../context";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";

const ZStoredManifests = z.array(ZKubeManifest);

export async function getDesiredState(db: Db, clusterId: string): Promise<DesiredStateView> {
  const c = await db.cluster.findUnique({ where: { id: clusterId }, select: { desiredGeneration: true, appliedGeneration: true, desiredManifests: true } });
  if (!c) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  return { generation: c.desiredGeneration, appliedGeneration: c.appliedGeneration, manifests: parseStoredJson(ZStoredManifests, c.desiredManifests, []) };
}

/**
 * Replaces what the centre wants on a cluster. The new generation is pushed to the agent at once
 * if it is connected, and otherwise when it next says hello; the agent caches it and keeps
 * reconciling it even while the link is down.
 */
export async function setDesiredState(ctx: ServerContext, actor: CurrentUser, clusterId: string, manifests: z.infer<typeof ZStoredManifests>): Promise<DesiredStateView> {
  const updated = await ctx.db.cluster.update({
    where: { id: clusterId },
    data: { desiredGeneration: { increment: 1 }, desiredManifests: JSON.stringify(manifests) },
    select: { desiredGeneration: true, appliedGeneration: true },
  }).catch((err: unknown) => {
    if ((err as { code?: string }).code === "P2025") throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
    throw err;
  });
  await recordAuditEvent(ctx.db, actor, {
    action: "cluster.set-desired-state",
    targetType: "cluster",
    targetId: clusterId,
    details: { generation: updated.desiredGeneration, objects: manifests.map((m) => `${m.kind}/${m.metadata.namespace ? `${m.metadata.namespace}/` : ""}${m.metadata.name}`) },
  });
  ctx.presence.connectionOf(clusterId)?.sendDesired({ generation: updated.desiredGeneration, manifests });
  return { generation: updated.desiredGeneration, appliedGeneration: updated.appliedGeneration, manifests };
}

/** The desired state to push to an agent that just said hello, if there is one. */
export async function desiredStateForAgent(db: Db, clusterId: string): Promise<DesiredState | null> {
  const view = await getDesiredState(db, clusterId);
  return view.generation > 0 ? { generation: view.generation, manifests: view.manifests } : null;
}
