import type { ChartDetail, ChartView } from "@outpost/cluster-core";

export const chartViewInclude = { repository: { select: { id: true, name: true, url: true } }, _count: { select: { rollouts: true } } } as const;

export interface ChartRow {
  id: string;
  name: string;
  version: string;
  appVersion: string;
  description: string;
  archiveDigest: string;
  archiveSize: number;
  defaultValues: string;
  createdAt: Date;
  createdBy: string;
  repository: { id: string; name: string; url: string } | null;
  _count: { rollouts: number };
}

export function toChartView(c: ChartRow): ChartView {
  return {
    id: c.id,
    name: c.name,
    version: c.version,
    appVersion: c.appVersion,
    description: c.description,
    origin: c.repository ? { kind: "repository", ...c.repository } : { kind: "upload" },
    archiveDigest: c.archiveDigest,
    archiveSize: c.archiveSize,
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdBy,
    rolloutCount: c._count.rollouts,
  };
}

export function toChartDetail(c: ChartRow): ChartDetail {
  return { ...toChartView(c), defaultValues: c.defaultValues };
}
