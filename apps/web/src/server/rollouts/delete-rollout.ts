import type { CurrentUser } from "@outpost/cluster-core";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { writeReleaseSources } from "./write-release-sources";

/**
 * Deletes a rollout and its history. On every cluster where it is the latest rollout of its
 * release that reached the cluster, the HelmChart leaves the desired state, so helm-controller
 * uninstalls the release there; clusters a later rollout changed keep what that one gave them.
 */
export async function deleteRollout(ctx: ServerContext, actor: CurrentUser | null, id: string): Promise<void> {
  const r = await ctx.rollouts.exclusive(async () => {
    const rollout = await ctx.db.rollout.findUnique({ where: { id }, select: { id: true, releaseName: true, chart: { select: { name: true, version: true } } } });
    if (!rollout) throw new AppError("NOT_FOUND", `no rollout with id ${id}`);
    const mine = await ctx.db.rolloutTarget.findMany({ where: { rolloutId: id, dispatchedAt: { not: null } }, select: { clusterId: true, dispatchedAt: true } });
    const later = await ctx.db.rolloutTarget.findMany({
      where: { clusterId: { in: mine.map((t) => t.clusterId) }, rolloutId: { not: id }, dispatchedAt: { not: null }, rollout: { releaseName: rollout.releaseName } },
      select: { clusterId: true, dispatchedAt: true },
    });
    const remove = mine.filter((t) => !later.some((l) => l.clusterId === t.clusterId && l.dispatchedAt! > t.dispatchedAt!));
    await writeReleaseSources(ctx, rollout.releaseName, new Map(remove.map((t) => [t.clusterId, []])));
    await ctx.db.rollout.delete({ where: { id } });
    return { ...rollout, removedFrom: remove.length };
  });
  if (actor) {
    await recordAuditEvent(ctx.db, actor, {
      action: "rollout.delete",
      targetType: "rollout",
      targetId: id,
      details: { release: r.releaseName, chart: `${r.chart.name} ${r.chart.version}`, removedFrom: r.removedFrom },
    });
  }
  ctx.live.rolloutChanged(id);
}
