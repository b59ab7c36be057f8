import { ZLabels, parseStoredJson, type CurrentUser, type SiteView } from "@outpost/cluster-core";
import type { z } from "zod";
import type { ZCreateSiteRequest, ZUpdateSiteRequest } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { changedFields, changedLabels } from "../audit/changed-fields";

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
  const changes = changedFields(
    { name: existing.name, timeZone: existing.timeZone, location: existing.location, bandwidthCapBytesPerSec: existing.bandwidthCapBytesPerSec, transferWindow: existing.transferWindow },
    { ...rest },
  );
  Object.assign(changes, labels ? changedLabels(parseStoredJson(ZLabels, existing.labels, {}), labels) : {});
  // A save that changes nothing is not an event.
  if (Object.keys(changes).length > 0) await recordAuditEvent(db, actor, { action: "site.update", targetType: "site", targetId: id, details: { name: site.name, changes } });
  return toSiteView(site);
}

/**
 * Deletes a site. A site with clusters is refused unless `moveClustersTo` names another site:
 * then its clusters move there and the site is deleted, in one transaction. Registration
 * tokens not used yet for the site are revoked with it; its devices (provisioning) move or block it alike.
 */
export async function deleteSite(db: Db, actor: CurrentUser, id: string, opts: { moveClustersTo?: string } = {}): Promise<{ movedClusters: number }> {
  const site = await db.site.findUnique({ where: { id }, include: withCount });
  if (!site) throw new AppError("NOT_FOUND", `no site with id ${id}`);
  const clusters = site._count.clusters;
  let target: { id: string; name: string } | null = null;
  if (opts.moveClustersTo !== undefined) {
    if (opts.moveClustersTo === id) throw new AppError("INVALID_INPUT", "move the clusters to another site, not to the one being deleted");
    target = await db.site.findUnique({ where: { id: opts.moveClustersTo }, select: { id: true, name: true } });
    if (!target) throw new AppError("INVALID_INPUT", "the site to move the clusters to does not exist");
  } else if (clusters > 0) {
    throw new AppError("CONFLICT", `site ${site.name} still has ${clusters} ${clusters === 1 ? "cluster" : "clusters"}: move them to another site (moveClustersTo=<site id>) or delete them first`);
  }
  // Provisioned devices belong to a site too: they move with the clusters, or block the delete.
  const devices = await db.device.count({ where: { siteId: id } });
  if (!target && devices > 0) {
    throw new AppError("CONFLICT", `site ${site.name} still has ${devices} ${devices === 1 ? "device" : "devices"}: move them with its clusters (moveClustersTo=<site id>) or delete them under Devices first`);
  }
  const moved = await db.$transaction(async (tx) => {
    const res = target ? await tx.cluster.updateMany({ where: { siteId: id }, data: { siteId: target.id } }) : { count: 0 };
    if (target) await tx.device.updateMany({ where: { siteId: id }, data: { siteId: target.id } });
    await tx.registrationToken.deleteMany({ where: { siteId: id, usedAt: null } });
    await tx.site.delete({ where: { id } });
    return res.count;
  });
  await recordAuditEvent(db, actor, { action: "site.delete", targetType: "site", targetId: id, details: { name: site.name, ...(target ? { movedClusters: moved, movedTo: target.name } : {}) } });
  return { movedClusters: moved };
}

export { ZCreateSiteRequest, ZUpdateSiteRequest };
