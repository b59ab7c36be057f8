import { z } from "zod";
import { ZIsoDate } from "./common";
import { ZClusterSnapshot } from "./snapshot";

/**
 * The durable outbox: everything an agent reports that must not be lost on a cut link or a
 * crash is appended on the device with a sequence number, sent in order, and dropped only when
 * the centre acknowledges its sequence. The centre applies each sequence at most once.
 */

/** One change the agent observed in its cluster (a watch event); never coalesced away. */
export const ZClusterChange = z.object({
  /** DRIFT: the agent found an object differing from the desired state, and put it back. */
  type: z.enum(["ADDED", "MODIFIED", "DELETED", "DRIFT"]),
  kind: z.string().min(1).max(63),
  namespace: z.string().max(253),
  name: z.string().min(1).max(253),
  resourceVersion: z.string().max(64),
  /** Short human summary, e.g. "replicas 3 → 5" or "Ready → NotReady". */
  summary: z.string().max(256),
});
export type ClusterChange = z.infer<typeof ZClusterChange>;

export const ZJobResult = z.object({
  jobId: z.string().min(1).max(64),
  ok: z.boolean(),
  message: z.string().max(4096),
});
export type JobResult = z.infer<typeof ZJobResult>;

const base = { seq: z.number().int().positive(), at: ZIsoDate };

export const ZOutboxRecord = z.discriminatedUnion("kind", [
  /** The whole picture; an older snapshot still queued is superseded by a newer one. */
  z.object({ ...base, kind: z.literal("snapshot"), snapshot: ZClusterSnapshot }),
  z.object({ ...base, kind: z.literal("change"), change: ZClusterChange }),
  /** Outcome of work the centre asked for; never dropped. */
  z.object({ ...base, kind: z.literal("job-result"), result: ZJobResult }),
  /** Changes that had to be dropped to keep the outbox within its bound. */
  z.object({ ...base, kind: z.literal("gap"), dropped: z.number().int().positive() }),
]);
export type OutboxRecord = z.infer<typeof ZOutboxRecord>;
export type OutboxRecordInput = OutboxRecord extends infer R ? (R extends OutboxRecord ? Omit<R, "seq"> : never) : never;

export const OUTBOX_BATCH_MAX = 200;

/** agent:outbox — a batch of records in ascending sequence order. */
export const ZOutboxBatch = z
  .object({ records: z.array(ZOutboxRecord).min(1).max(OUTBOX_BATCH_MAX) })
  .refine((b) => b.records.every((r, i) => i === 0 || r.seq > b.records[i - 1]!.seq), "records must be in ascending sequence order");
export type OutboxBatch = z.infer<typeof ZOutboxBatch>;

/** The centre's answer to a batch or a hello: everything up to `ackedSeq` is safely stored. */
export type OutboxAck = { ok: true; ackedSeq: number } | { ok: false; error: string };
export const ZOutboxAck = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), ackedSeq: z.number().int().min(0) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** agent:hello — first message of every connection; the answer says where to resume. */
export const ZAgentHello = z.object({
  agentVersion: z.string().min(1).max(64),
  /** Records waiting on the device right now. */
  queued: z.number().int().min(0),
});
export type AgentHello = z.infer<typeof ZAgentHello>;
