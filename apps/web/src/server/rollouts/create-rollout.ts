import { type CurrentUser, planRolloutWaves, RolloutPlanError, type ZCreateRolloutRequest } from "@outpost/cluster-core";
import type { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import type { Access } from "../access/access";
import { requireOperatorOnClusters } from "../access/require-operator-on-clusters";
import { AppError } from "../errors/app-error";
import { buildReleaseManifest, releaseSpecSelect } from "./build-release-manifest";
import { parseValues } from "./parse-values";
import { selectTargetClusters } from "./select-target-clusters";
import { supersedeRollouts } from "./supersede-rollouts";

/**
 * Plans and starts a rollout: values are checked (valid YAML mapping), the selector is
 * resolved to the clusters it matches now, and the planner splits them into canary and waves.
 * Nothing is saved unless all of that works. Only one rollout of a release runs at a time; a
 * halted one is superseded by the new one.
 */
export async function createRollout(ctx: ServerContext, actor: CurrentUser, input: z.output<typeof ZCreateRolloutRequest>, access: Access): Promise<{ id: string }> {
  const chart = await ctx.db.chart.findUnique({ where: { id: input.chartId }, select: { id: true, name: true, version: true } });
  if (!chart) throw new AppError("NOT_FOUND", `no chart with id ${input.chartId}`);
  const releaseName = input.releaseName ?? chart.name;
  const { digest } = parseValues(input.valuesContent);
  const clusters = await selectTargetClusters(ctx.db, input.selector);
  // The clusters resolved here are the ones the rollout will change: the caller operates each.
  await requireOperatorOnClusters(ctx, access, clusters.map((c) => c.id));
  let waves;
  try {
    waves = planRolloutWaves(clusters.map((c) => ({ clusterId: c.id, name: c.name, siteId: c.siteId, online: c.online })), input.strategy.canary, input.strategy.waveSize);
  } catch (err) {
    if (err instanceof RolloutPlanError) throw new AppError("INVALID_INPUT", err.message, [{ path: "selector", message: err.message }]);
    throw err;
  }

  const id = await ctx.rollouts.exclusive(async () => {
    const busy = await ctx.db.rollout.findFirst({ where: { releaseName, phase: { in: ["running", "awaiting-approval"] } }, select: { id: true } });
    if (busy) throw new AppError("CONFLICT", `rollout ${busy.id} of release ${releaseName} is still in progress; halt it or wait until it completes`);
    const now = ctx.rollouts.now();
    const rollout = await ctx.db.$transaction(async (tx) => {
      const created = await tx.rollout.create({
        data: {
          chartId: chart.id,
          releaseName,
          targetNamespace: input.targetNamespace,
          createNamespace: input.createNamespace,
          valuesContent: input.valuesContent,
          valuesDigest: digest,
          failurePolicy: input.failurePolicy,
          helmTimeoutSeconds: input.helmTimeoutSeconds ?? null,
          selector: input.selector,
          strategy: JSON.stringify(input.strategy),
          phase: "running",
          waveCount: waves.length,
          hasCanary: waves[0]?.kind === "canary",
          waveStartedAt: new Date(now),
          createdBy: actor.username,
          createdAt: new Date(now),
        },
        select: { id: true },
      });
      await tx.rolloutTarget.createMany({ data: waves.flatMap((w) => w.clusterIds.map((clusterId) => ({ rolloutId: created.id, clusterId, wave: w.index, specRolloutId: created.id }))) });
      await supersedeRollouts(tx, releaseName, created.id, now);
      const sizes = waves.map((w) => w.clusterIds.length).join(" + ");
      await tx.rolloutEvent.create({ data: { rolloutId: created.id, at: new Date(now), type: "created", message: `${actor.username} started ${chart.name} ${chart.version} on ${clusters.length} cluster(s): ${sizes}` } });
      return created;
    });
    // The HelmChart is built once now so that a missing or oversized chart fails here, not per cluster.
    const spec = await ctx.db.rollout.findUniqueOrThrow({ where: { id: rollout.id }, select: releaseSpecSelect });
    await buildReleaseManifest(ctx, spec);
    return rollout.id;
  });
  await recordAuditEvent(ctx.db, actor, {
    action: "rollout.create",
    targetType: "rollout",
    targetId: id,
    details: { chart: `${chart.name} ${chart.version}`, release: releaseName, selector: input.selector, clusters: clusters.length },
  });
  ctx.rollouts.poke();
  return { id };
}
