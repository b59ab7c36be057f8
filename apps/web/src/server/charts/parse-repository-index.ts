import { type RepositoryEntry, ZRepositoryEntry } from "@outpost/cluster-core";
import { parse } from "yaml";
import { AppError } from "../errors/app-error";

const MAX_ENTRIES = 5000;

/**
 * The chart versions a Helm repository's index.yaml lists (apiVersion v1, `entries` by chart
 * name). Versions that are not valid (bad name or version, no URL) are left out rather than
 * spoiling the whole repository; a document that is no index at all is an error.
 */
export function parseRepositoryIndex(text: string): { entries: RepositoryEntry[]; skipped: number } {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new AppError("INVALID_INPUT", `index.yaml is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const entries = (doc as { entries?: unknown } | null)?.entries;
  if (typeof doc !== "object" || doc === null || typeof entries !== "object" || entries === null || Array.isArray(entries)) {
    throw new AppError("INVALID_INPUT", "index.yaml has no `entries`: is this a Helm chart repository?");
  }
  const out: RepositoryEntry[] = [];
  let skipped = 0;
  for (const versions of Object.values(entries)) {
    for (const v of Array.isArray(versions) ? versions : []) {
      const parsed = ZRepositoryEntry.safeParse(v);
      if (parsed.success && out.length < MAX_ENTRIES) out.push(parsed.data);
      else skipped++;
    }
  }
  out.sort((a, b) => (a.name === b.name ? 0 : a.name < b.name ? -1 : 1));
  return { entries: out, skipped };
}
