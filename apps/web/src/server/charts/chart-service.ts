import { CHART_ARCHIVE_MAX_BYTES, type ChartDetail, type ChartView, type CurrentUser } from "@outpost/cluster-core";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { deleteRollout } from "../rollouts/delete-rollout";
import { putChartArchive, releaseChartArchive } from "./chart-archive-store";
import { readChartArchive } from "./read-chart-archive";
import { chartViewInclude, toChartDetail, toChartView } from "./to-chart-view";

export async function listCharts(ctx: ServerContext): Promise<ChartView[]> {
  const rows = await ctx.db.chart.findMany({ include: chartViewInclude, orderBy: [{ name: "asc" }, { createdAt: "desc" }] });
  return rows.map(toChartView);
}

export async function getChart(ctx: ServerContext, id: string): Promise<ChartDetail> {
  const row = await ctx.db.chart.findUnique({ where: { id }, include: chartViewInclude });
  if (!row) throw new AppError("NOT_FOUND", `no chart with id ${id}`);
  return toChartDetail(row);
}

/**
 * Stores an uploaded chart archive (content-addressed) and records its name, version and
 * default values. Uploading the same archive again returns the existing chart; another
 * archive under a name and version already uploaded is a conflict (charts are immutable).
 */
export async function uploadChart(ctx: ServerContext, actor: CurrentUser, archiveBase64: string): Promise<{ chart: ChartDetail; created: boolean }> {
  const bytes = Buffer.from(archiveBase64, "base64");
  if (bytes.length > CHART_ARCHIVE_MAX_BYTES) throw new AppError("INVALID_INPUT", `chart archives are at most ${CHART_ARCHIVE_MAX_BYTES / 1024} KiB`);
  const { metadata, defaultValues } = readChartArchive(bytes);
  const existing = await ctx.db.chart.findUnique({ where: { name_version_origin: { name: metadata.name, version: metadata.version, origin: "upload" } }, include: chartViewInclude });
  const { digest, size } = await putChartArchive(ctx, bytes);
  if (existing) {
    if (existing.archiveDigest === digest) return { chart: toChartDetail(existing), created: false };
    throw new AppError("CONFLICT", `${metadata.name} ${metadata.version} was already uploaded with other content; charts do not change once uploaded, so raise the version in Chart.yaml`);
  }
  const row = await ctx.db.chart.create({
    data: {
      name: metadata.name,
      version: metadata.version,
      appVersion: metadata.appVersion ?? "",
      description: metadata.description ?? "",
      origin: "upload",
      archiveDigest: digest,
      archiveSize: size,
      defaultValues,
      createdBy: actor.username,
    },
    include: chartViewInclude,
  });
  await recordAuditEvent(ctx.db, actor, { action: "chart.upload", targetType: "chart", targetId: row.id, details: { name: row.name, version: row.version, digest } });
  return { chart: toChartDetail(row), created: true };
}

/**
 * Deletes a chart version with its rollouts: wherever one of them is what a cluster last got
 * of its release, the HelmChart leaves the cluster (helm-controller uninstalls the release).
 */
export async function deleteChart(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  const chart = await ctx.db.chart.findUnique({ where: { id }, select: { name: true, version: true, archiveDigest: true, rollouts: { select: { id: true }, orderBy: { createdAt: "desc" } } } });
  if (!chart) throw new AppError("NOT_FOUND", `no chart with id ${id}`);
  for (const r of chart.rollouts) await deleteRollout(ctx, null, r.id);
  await ctx.db.chart.delete({ where: { id } });
  await releaseChartArchive(ctx, chart.archiveDigest);
  await recordAuditEvent(ctx.db, actor, { action: "chart.delete", targetType: "chart", targetId: id, details: { name: chart.name, version: chart.version, rollouts: chart.rollouts.length } });
}
