import { ZLabels, parseStoredJson, type CurrentUser, type SiteView } from "@outpost/cluster-core";
import type { z } from "zod";
import type { ZCreateSiteRequest, ZUpdateSiteRequest } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";

type SiteRow = { id: string; name: string; labels: string; timeZone: string; location: string; bandwidthCapBytesPerSec: number | null; transferWindow: string | null; createdAt: Date; _count: { clusters: number } };
const withCount = { _count: { select: { clusters: true } } } as const;

function toSiteView(s: SiteRow): SiteView {
  return {
    id: s.id,
    name: s.name,
    labels: parseStoredJson(ZLabels, s.labels, {}),
    timeZone: s.timeZone,
    location: s.location,
    bandwidthCapBytesPerSec: s.bandwidthCapBytesPerSec,
    transferWindow: s.transferWindow,
    clusterCount: s._count.clusters,
    createdAt: s.createdAt.toISOString(),
  };
}

/**
 * The sites the caller may see, each counting only the clusters the caller may see
 * (access/visible-sites-where.ts and visible-clusters-where.ts give the two clauses).
 */
export async function listSites(db: Db, visible: { sites: Prisma.SiteWhereInput; clusters: Prisma.ClusterWhereInput }): Promise<SiteView[]> {
  const rows = await db.site.findMany({ where: visible.sites, include: { _count: { select: { clusters: { where: visible.clusters } } } }, orderBy: { name: "asc" } });
  return rows.map(toSiteView);
}

export async function createSite(db: Db, actor: CurrentUser, input: z.output<typeof ZCreateSiteRequest>): Promise<SiteView> {
  if (await db.site.findUnique({ where: { name: input.name } })) throw new AppError("CONFLICT", `a site named ${input.name} already exists`);
  const site = await db.site.create({ data: { ...input, labels: JSON.stringify(input.labels) }, include: withCount });
  await recordAuditEvent(db, actor, { action: "site.create", targetType: "site", targetId: site.id, details: { name: site.name } });
  return toSiteView(site);
}

export async function updateSite(db: Db, actor: CurrentUser, id: string, input: z.output<typeof ZUpdateSiteRequest>): Promise<SiteView> {
  const existing = await db.site.findUnique({ where: { id } });
  if (!existing) throw new AppError("NOT_FOUND", `no site with id ${id}`);
  if (input.name && input.name !== existing.name && (await db.site.findUnique({ where: { name: input.name } }))) {
    throw new AppError("CONFLICT", `a site named ${input.name} already exists`);
  }
  const { labels, ...rest } = input;
  const site = await db.site.update({ where: { id }, data: { ...rest, ...(labels ? { labels: JSON.stringify(labels) } : {}) }, include: withCount });
  await recordAuditEvent(db, actor, { action: "site.update", targetType: "site", targetId: id, details: { changed: Object.keys(input) } });
  return toSiteView(site);
}

export async function deleteSite(db: Db, actor: CurrentUser, id: string): Promise<void> {
  const site = await db.site.findUnique({ where: { id }, include: withCount });
  if (!site) throw new AppError("NOT_FOUND", `no site with id ${id}`);
  if (site._count.clusters > 0) throw new AppError("CONFLICT", `site ${site.name} still has ${site._count.clusters} cluster(s); delete or move them first`);
  await db.$transaction([db.registrationToken.deleteMany({ where: { siteId: id, usedAt: null } }), db.site.delete({ where: { id } })]);
  await recordAuditEvent(db, actor, { action: "site.delete", targetType: "site", targetId: id, details: { name: site.name } });
}

export { ZCreateSiteRequest, ZUpdateSiteRequest };
