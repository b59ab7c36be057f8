/**
 * A short, single-line description of a thrown value for logs. Kubernetes client errors carry
 * the whole response (headers included) in their message, so only the first line is kept.
 */
export function describeError(err: unknown, maxLength = 300): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  const firstLine = text.split("\n", 1)[0] ?? "";
  return firstLine.length > maxLength ? `${firstLine.slice(0, maxLength - 1)}…` : firstLine;
}
