import type { JobLogLine } from "@outpost/cluster-core";

const KEEP = 5000;

/** Log lines in seq order without duplicates (a refetch and a push may carry the same line). */
export function mergeJobLogs(existing: JobLogLine[], incoming: JobLogLine[]): JobLogLine[] {
  const last = existing.at(-1)?.seq ?? 0;
  if (incoming.every((l) => l.seq > last)) return [...existing, ...incoming].slice(-KEEP);
  const bySeq = new Map(existing.map((l) => [l.seq, l]));
  for (const l of incoming) bySeq.set(l.seq, l);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-KEEP);
}
