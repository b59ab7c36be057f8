import { parseKubeQuantity } from "./parse-kube-quantity";

/** A node's CPU quantity for people: "4" → "4 cores", "3500m" → "3.5 cores"; anything unreadable as sent. */
export function formatKubeCpu(quantity: string): string {
  const cores = parseKubeQuantity(quantity);
  if (cores === null || cores < 0) return quantity;
  const text = Number(cores.toFixed(2)).toString();
  return `${text} ${cores === 1 ? "core" : "cores"}`;
}
