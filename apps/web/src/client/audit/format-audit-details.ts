const show = (v: unknown) => (v === null || v === undefined ? "none" : typeof v === "string" ? v : JSON.stringify(v));
const isChange = (v: unknown): v is { from: unknown; to: unknown } => typeof v === "object" && v !== null && "from" in v && "to" in v;

/**
 * Audit details as `key: value` pairs on one line, leaving out empty values and the name already
 * shown as the target; recorded changes read `field: old → new`.
 */
export function formatAuditDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([k, v]) => v !== undefined && v !== null && v !== "" && k !== "name" && k !== "username")
    .flatMap(([k, v]) =>
      k === "changes" && typeof v === "object" && v !== null
        ? Object.entries(v).map(([field, change]) => (isChange(change) ? `${field}: ${show(change.from)} → ${show(change.to)}` : `${field}: ${show(change)}`))
        : [`${k}: ${show(v)}`],
    )
    .join(" · ");
}
