import { formatBytes } from "./format-bytes";
import { parseKubeQuantity } from "./parse-kube-quantity";

/** A node's memory quantity for people: "8221128Ki" → "7.8 GiB"; anything unreadable as sent. */
export function formatKubeMemory(quantity: string): string {
  const bytes = parseKubeQuantity(quantity);
  return bytes === null || bytes < 0 ? quantity : formatBytes(Math.round(bytes));
}
