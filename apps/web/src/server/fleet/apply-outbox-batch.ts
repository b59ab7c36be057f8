import type { OutboxBatch, OutboxRecord } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { applySnapshot } from "./apply-snapshot";

export interface AppliedBatch {
  ackedSeq: number;
  /** Records that were new; 0 for a pure replay. */
  applied: number;
  snapshotApplied: boolean;
}

/**
 * Stores a batch from an agent's durable outbox, exactly once and in order: records at or below
 * the cluster's acknowledged sequence are replays and are skipped; the rest are applied in one
 * transaction together with the new acknowledged sequence, so a crash between the two cannot
 * happen. Only the newest snapshot of a batch is applied (older ones are superseded); every
 * change, gap and job result is kept.
 */
export async function applyOutboxBatch(db: Db, clusterId: string, batch: OutboxBatch, now = new Date()): Promise<AppliedBatch> {
  return db.$transaction(async (tx) => {
    const cluster = await tx.cluster.findUnique({ where: { id: clusterId }, select: { outboxAckedSeq: true } });
    if (!cluster) throw new AppError("NOT_FOUND", "the cluster no longer exists");
    // Stored as 64-bit integers; the wire's sequence numbers stay below 2^53, so a number holds them.
    const stored = Number(cluster.outboxAckedSeq);
    const fresh = batch.records.filter((r) => r.seq > stored);
    if (fresh.length === 0) return { ackedSeq: stored, applied: 0, snapshotApplied: false };

    const newestSnapshot = fresh.findLast((r) => r.kind === "snapshot");
    if (newestSnapshot?.kind === "snapshot") await applySnapshot(tx, clusterId, newestSnapshot.snapshot, now);
    const rows = fresh.filter((r) => r.kind !== "snapshot").map((r) => toChangeRow(clusterId, r));
    if (rows.length > 0) await tx.clusterChange.createMany({ data: rows });

    const ackedSeq = fresh[fresh.length - 1]!.seq;
    // Conditional on the sequence we read: a concurrent delivery of the same records loses here
    // (and rolls back) instead of storing them twice.
    const moved = await tx.cluster.updateMany({ where: { id: clusterId, outboxAckedSeq: cluster.outboxAckedSeq }, data: { outboxAckedSeq: BigInt(ackedSeq) } });
    if (moved.count !== 1) throw new AppError("CONFLICT", "another delivery of this outbox won the race; resend");
    return { ackedSeq, applied: fresh.length, snapshotApplied: Boolean(newestSnapshot) };
    // When hundreds of agents return at once their batches queue for the database; waiting a
    // while for a turn beats refusing the batch and having the agent send it again.
  }, { maxWait: 15_000, timeout: 15_000 });
}

function toChangeRow(clusterId: string, r: Exclude<OutboxRecord, { kind: "snapshot" }>) {
  const base = { clusterId, seq: BigInt(r.seq), observedAt: new Date(r.at) };
  switch (r.kind) {
    case "change":
      return { ...base, ...r.change };
    case "gap":
      return { ...base, type: "GAP", kind: "", namespace: "", name: "", resourceVersion: "", summary: `${r.dropped} change(s) dropped on the device to stay within its outbox bound` };
    case "job-result":
      return { ...base, type: "JOB_RESULT", kind: "Job", namespace: "", name: r.result.jobId, resourceVersion: "", summary: `${r.result.ok ? "succeeded" : "failed"}: ${r.result.message}`.slice(0, 256) };
  }
}
