import { HELM_CHART_ANNOTATIONS, parseStoredJson, type CurrentUser } from "@outpost/cluster-core";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { releaseSource, writeReleaseSources } from "./write-release-sources";

/** Of each stored manifest, only its annotations are read here. */
const ZAnnotatedList = z.array(z.object({ metadata: z.object({ annotations: z.record(z.string(), z.string()).optional() }).loose() }).loose());

/**
 * Deletes a rollout and its history. On every cluster where it is the latest rollout of its
 * release that reached the cluster, the HelmChart leaves the desired state, so helm-controller
 * uninstalls the release there; clusters a later rollout changed keep what that one gave them.
 */
export async function deleteRollout(ctx: ServerContext, actor: CurrentUser | null, id: string): Promise<void> {
  const r = await ctx.rollouts.exclusive(async () => {
    const rollout = await ctx.db.rollout.findUnique({ where: { id }, select: { id: true, releaseName: true, chart: { select: { name: true, version: true } } } });
    if (!rollout) throw new AppError("NOT_FOUND", `no rollout with id ${id}`);
    // The clusters whose HelmChart of this release still comes from this rollout (its id is in the
    // manifest): where a later rollout or a rollback took over, that one's HelmChart stays. Read
    // from the desired state itself, not from timestamps (the rollout clock can be moved).
    const sources = await ctx.db.desiredSource.findMany({ where: { source: releaseSource(rollout.releaseName) }, select: { clusterId: true, manifests: true } });
    const remove = sources.filter((s) => parseStoredJson(ZAnnotatedList, s.manifests, []).some((m) => m.metadata.annotations?.[HELM_CHART_ANNOTATIONS.rollout] === id));
    await writeReleaseSources(ctx, rollout.releaseName, new Map(remove.map((t) => [t.clusterId, []])));
    const targets = await ctx.db.rolloutTarget.findMany({ where: { rolloutId: id }, select: { clusterId: true } });
    await ctx.db.rollout.delete({ where: { id } });
    return { ...rollout, removedFrom: remove.length, clusterIds: targets.map((t) => t.clusterId) };
  });
  if (actor) {
    await recordAuditEvent(ctx.db, actor, {
      action: "rollout.delete",
      targetType: "rollout",
      targetId: id,
      details: { release: r.releaseName, chart: `${r.chart.name} ${r.chart.version}`, removedFrom: r.removedFrom },
    });
  }
  await ctx.live.rolloutChanged(ctx.db, id, r.clusterIds);
}
