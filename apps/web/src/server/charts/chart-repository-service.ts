import { createHash } from "node:crypto";
import { type ChartDetail, type ChartRepositoryView, type CurrentUser, parseStoredJson, type RepositoryEntry, ZRepositoryEntry } from "@outpost/cluster-core";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { putChartArchive } from "./chart-archive-store";
import { fetchBytes } from "./fetch-bytes";
import { parseRepositoryIndex } from "./parse-repository-index";
import { readChartArchive } from "./read-chart-archive";
import { chartViewInclude, toChartDetail } from "./to-chart-view";

const MAX_INDEX_BYTES = 20 * 1024 * 1024;
const MAX_ARCHIVE_BYTES = 10 * 1024 * 1024;
const ZEntries = z.array(ZRepositoryEntry);

type RepositoryRow = { id: string; name: string; url: string; entries: string; fetchedAt: Date | null };

function toView(r: RepositoryRow): ChartRepositoryView {
  return { id: r.id, name: r.name, url: r.url, fetchedAt: r.fetchedAt?.toISOString() ?? null, entries: parseStoredJson(ZEntries, r.entries, []) };
}

async function readIndex(url: string): Promise<RepositoryEntry[]> {
  const { entries } = parseRepositoryIndex((await fetchBytes(`${url}/index.yaml`, MAX_INDEX_BYTES)).toString("utf8"));
  return entries;
}

export async function listChartRepositories(ctx: ServerContext): Promise<ChartRepositoryView[]> {
  return (await ctx.db.chartRepository.findMany({ orderBy: { name: "asc" } })).map(toView);
}

/** Adds a Helm repository after reading its index.yaml (an unreachable or invalid one is refused). */
export async function addChartRepository(ctx: ServerContext, actor: CurrentUser, input: { name: string; url: string }): Promise<ChartRepositoryView> {
  if (await ctx.db.chartRepository.findUnique({ where: { name: input.name } })) throw new AppError("CONFLICT", `a repository named ${input.name} already exists`);
  const entries = await readIndex(input.url);
  const row = await ctx.db.chartRepository.create({ data: { name: input.name, url: input.url, entries: JSON.stringify(entries), fetchedAt: new Date() } });
  await recordAuditEvent(ctx.db, actor, { action: "chart-repository.add", targetType: "chart-repository", targetId: row.id, details: { name: row.name, url: row.url, versions: entries.length } });
  return toView(row);
}

/** Reads the repository's index.yaml again. */
export async function refreshChartRepository(ctx: ServerContext, actor: CurrentUser, id: string): Promise<ChartRepositoryView> {
  const repo = await ctx.db.chartRepository.findUnique({ where: { id } });
  if (!repo) throw new AppError("NOT_FOUND", `no chart repository with id ${id}`);
  const entries = await readIndex(repo.url);
  const row = await ctx.db.chartRepository.update({ where: { id }, data: { entries: JSON.stringify(entries), fetchedAt: new Date() } });
  await recordAuditEvent(ctx.db, actor, { action: "chart-repository.refresh", targetType: "chart-repository", targetId: id, details: { name: repo.name, versions: entries.length } });
  return toView(row);
}

/** Removes a repository and its imported chart versions; refused while any of them has rollouts. */
export async function deleteChartRepository(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  const repo = await ctx.db.chartRepository.findUnique({ where: { id }, include: { charts: { select: { _count: { select: { rollouts: true } } } } } });
  if (!repo) throw new AppError("NOT_FOUND", `no chart repository with id ${id}`);
  const rollouts = repo.charts.reduce((n, c) => n + c._count.rollouts, 0);
  if (rollouts > 0) throw new AppError("CONFLICT", `charts from ${repo.name} are used by ${rollouts} rollout(s); delete those charts first`);
  await ctx.db.chartRepository.delete({ where: { id } });
  await recordAuditEvent(ctx.db, actor, { action: "chart-repository.delete", targetType: "chart-repository", targetId: id, details: { name: repo.name } });
}

/**
 * Makes one version listed in the repository available for rollouts: downloads its archive
 * (checked against the index's digest), reads Chart.yaml and values.yaml, stores it
 * content-addressed. Clusters still fetch it from the repository themselves (repo + version).
 */
export async function importRepositoryChart(ctx: ServerContext, actor: CurrentUser, id: string, want: { name: string; version: string }): Promise<{ chart: ChartDetail; created: boolean }> {
  const repo = await ctx.db.chartRepository.findUnique({ where: { id } });
  if (!repo) throw new AppError("NOT_FOUND", `no chart repository with id ${id}`);
  const existing = await ctx.db.chart.findUnique({ where: { name_version_origin: { ...want, origin: repo.id } }, include: chartViewInclude });
  if (existing) return { chart: toChartDetail(existing), created: false };
  const entry = toView(repo).entries.find((e) => e.name === want.name && e.version === want.version);
  if (!entry) throw new AppError("NOT_FOUND", `${repo.name} does not list ${want.name} ${want.version} (refresh the repository if it is new)`);
  const url = new URL(entry.urls[0]!, `${repo.url}/`).toString();
  const bytes = await fetchBytes(url, MAX_ARCHIVE_BYTES);
  const digest = createHash("sha256").update(bytes).digest("hex");
  if (entry.digest && entry.digest.toLowerCase() !== digest) throw new AppError("INVALID_INPUT", `${url} does not match the digest in index.yaml (${entry.digest})`);
  const { metadata, defaultValues } = readChartArchive(bytes);
  if (metadata.name !== want.name || metadata.version !== want.version) {
    throw new AppError("INVALID_INPUT", `${url} contains ${metadata.name} ${metadata.version}, not ${want.name} ${want.version}`);
  }
  const stored = await putChartArchive(ctx, bytes);
  const row = await ctx.db.chart.create({
    data: {
      name: metadata.name,
      version: metadata.version,
      appVersion: metadata.appVersion ?? entry.appVersion,
      description: metadata.description ?? entry.description,
      origin: repo.id,
      repositoryId: repo.id,
      archiveDigest: stored.digest,
      archiveSize: stored.size,
      defaultValues,
      createdBy: actor.username,
    },
    include: chartViewInclude,
  });
  await recordAuditEvent(ctx.db, actor, { action: "chart.import", targetType: "chart", targetId: row.id, details: { repository: repo.name, name: row.name, version: row.version } });
  return { chart: toChartDetail(row), created: true };
}
