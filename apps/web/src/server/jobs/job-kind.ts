import type { z } from "zod";
import type { JobLogLevel } from "@outpost/cluster-core";

/** What a step gets from the runner. */
export interface StepContext<P> {
  job: { id: string; kind: string; title: string; targetType: string; targetId: string | null; createdById: string | null; createdByName: string };
  params: P;
  /**
   * Facts for later steps (and later attempts), saved with the job when a step ends. Never
   * secrets: the job's state is stored in plain text.
   */
  state: Record<string, unknown>;
  /** 1 for a step's first run, 2 for its first retry, … */
  attempt: number;
  log(message: string, level?: JobLogLevel): void;
  /** 0..1 and a short text ("34 of 96 MiB"); throttled by the runner. */
  progress(fraction: number, detail?: string): void;
  /** Aborted when the job is cancelled or the centre shuts down: stop soon, change nothing more. */
  signal: AbortSignal;
}

/**
 * One named step. It must check before it acts (a retry or a re-run on a provisioned device
 * repeats it), and it fails by throwing: the error's message is what the operator reads.
 */
export interface StepDefinition<P> {
  name: string;
  title: string;
  run(ctx: StepContext<P>): Promise<void>;
}

/** A kind of job: its params schema and its steps, in order. Registered once per centre. */
export interface JobKind<P> {
  kind: string;
  params: z.ZodType<P>;
  steps: StepDefinition<P>[] | ((params: P) => StepDefinition<P>[]);
  /** Called once the job has succeeded (e.g. to link the device to its new cluster). */
  onSucceeded?(ctx: { jobId: string; params: P; state: Record<string, unknown> }): Promise<void>;
}

/** A step failure whose message is meant for the operator as it is. */
export class StepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepError";
  }
}
