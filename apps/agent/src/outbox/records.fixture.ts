// Small records for the outbox tests and the crash-writer child process.
import { type OutboxRecordInput } from "@outpost/cluster-core";

export function changeInput(i: number, at: string): OutboxRecordInput {
  return {
    at,
    kind: "change",
    change: { type: "MODIFIED", kind: "Deployment", namespace: "shop", name: `web-${i}`, resourceVersion: String(i), summary: "replicas 3 → 5" },
  };
}

export function jobInput(jobId: string, at: string): OutboxRecordInput {
  return { at, kind: "job-result", result: { jobId, ok: true, message: "done" } };
}

export function snapshotInput(at: string): OutboxRecordInput {
  return { at, kind: "snapshot", snapshot: { k3sVersion: "v1.31.4+k3s1", nodes: [], workloads: [], events: [], takenAt: at } };
}
