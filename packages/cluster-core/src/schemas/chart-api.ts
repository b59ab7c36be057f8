import { z } from "zod";
import { ZResourceName } from "./common";

/** helm's rules: SemVer 2 versions, chart names of lower-case letters, digits and '-'. */
const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
export const ZChartName = z
  .string()
  .min(1)
  .max(53, "chart names are at most 53 characters (a helm release name limit)")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "chart names use lower-case letters, digits and '-'");
export const ZChartVersion = z.string().max(128).regex(SEMVER, "chart versions are SemVer, e.g. 1.2.3");

/** The fields of a chart's Chart.yaml that Outpost reads (apiVersion v1 or v2). */
export const ZChartMetadata = z.object({
  apiVersion: z.enum(["v1", "v2"], { message: "Chart.yaml apiVersion must be v1 or v2" }),
  name: ZChartName,
  version: ZChartVersion,
  appVersion: z.union([z.string(), z.number()]).transform(String).pipe(z.string().max(128)).optional(),
  description: z.string().max(2048).optional(),
  type: z.enum(["application", "library"]).optional(),
});
export type ChartMetadata = z.infer<typeof ZChartMetadata>;

/** Uploaded archives travel base64-encoded in JSON; the limit keeps the body under 1 MiB. */
export const CHART_ARCHIVE_MAX_BYTES = 700 * 1024;

/** POST /api/v1/charts */
export const ZUploadChartRequest = z.object({
  archiveBase64: z
    .string()
    .min(1, "choose a chart archive (.tgz)")
    .max(Math.ceil(CHART_ARCHIVE_MAX_BYTES / 3) * 4, `chart archives are at most ${CHART_ARCHIVE_MAX_BYTES / 1024} KiB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "archiveBase64 is not base64"),
});

export interface ChartView {
  id: string;
  name: string;
  version: string;
  appVersion: string;
  description: string;
  /** "upload", or the repository it came from. */
  origin: { kind: "upload" } | { kind: "repository"; id: string; name: string; url: string };
  archiveDigest: string;
  archiveSize: number;
  createdAt: string;
  createdBy: string;
  rolloutCount: number;
}

export interface ChartDetail extends ChartView {
  defaultValues: string;
}

/** POST /api/v1/chart-repositories */
export const ZAddChartRepositoryRequest = z.object({
  name: ZResourceName,
  url: z
    .url({ protocol: /^https?$/, message: "a repository URL starts with http:// or https://" })
    .max(2048)
    .transform((u) => u.replace(/\/+$/, "")),
});

/** One chart version listed in a repository's index.yaml. */
export const ZRepositoryEntry = z.object({
  name: ZChartName,
  version: ZChartVersion,
  appVersion: z.string().max(128).default(""),
  description: z.string().max(2048).default(""),
  urls: z.array(z.string().max(2048)).min(1).max(8),
  digest: z.string().max(128).default(""),
});
export type RepositoryEntry = z.infer<typeof ZRepositoryEntry>;

export interface ChartRepositoryView {
  id: string;
  name: string;
  url: string;
  fetchedAt: string | null;
  entries: RepositoryEntry[];
}

/** POST /api/v1/chart-repositories/:id/import: make one listed version available for rollouts. */
export const ZImportChartRequest = z.object({ name: ZChartName, version: ZChartVersion });
