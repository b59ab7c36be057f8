import { gunzipSync } from "node:zlib";

/** The parts of a helm v3 release record the agent reads. */
export interface HelmRelease {
  name?: string;
  version?: number;
  info?: { status?: string };
  chart?: { metadata?: { name?: string; version?: string } };
  /** The values the release was installed or upgraded with (user-supplied, not the chart's defaults). */
  config?: Record<string, unknown> | null;
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/**
 * Decodes the `release` field of a helm release Secret (type helm.sh/release.v1) as the API
 * returns it: base64 (the Secret's data) of base64 (helm's encoding) of gzipped JSON, or of
 * plain JSON from helm versions that did not compress.
 */
export function decodeHelmRelease(secretData: string): HelmRelease {
  const inner = Buffer.from(Buffer.from(secretData, "base64").toString("utf8"), "base64");
  const json = GZIP_MAGIC.every((b, i) => inner[i] === b) ? gunzipSync(inner) : inner;
  return JSON.parse(json.toString("utf8")) as HelmRelease;
}
