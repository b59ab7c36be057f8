/** Labels as editable `key=value` lines, the inverse of parseLabelLines. */
export function formatLabelLines(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}
