/** An absolute, locale-formatted date and time with seconds and time zone, for titles and tables. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "long" });
}
