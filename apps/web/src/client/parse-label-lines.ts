import { ZLabels } from "@outpost/cluster-core";

export type ParsedLabels = { ok: true; labels: Record<string, string> } | { ok: false; error: string };

/**
 * Reads labels typed as `key=value`, one a line (commas also separate). Blank lines are
 * skipped; keys and values are checked with the same schema the server uses.
 */
export function parseLabelLines(text: string): ParsedLabels {
  const labels: Record<string, string> = {};
  const entries = text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    if (eq <= 0) return { ok: false, error: `'${entry}' is not key=value` };
    const key = entry.slice(0, eq).trim();
    if (key in labels) return { ok: false, error: `label '${key}' is given twice` };
    labels[key] = entry.slice(eq + 1).trim();
  }
  const parsed = ZLabels.safeParse(labels);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${String(issue.path[0])}: ` : "";
    return { ok: false, error: `${where}${issue?.message ?? "invalid labels"}` };
  }
  return { ok: true, labels: parsed.data };
}
