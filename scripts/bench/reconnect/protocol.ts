/** Messages between the bench (parent) and its agent worker processes, over the fork IPC channel. */

export interface WorkerAgentSpec {
  /** Fleet-wide index of the agent. */
  index: number;
  name: string;
  registrationToken: string;
}

export type ToWorker =
  | { type: "register"; server: string; stateRoot: string; agents: WorkerAgentSpec[]; concurrency: number; changeIntervalMs: number; heartbeatIntervalMs: number }
  /** Start every registered agent, spread evenly over `spreadMs`. */
  | { type: "start"; spreadMs: number }
  | { type: "stop" };

export type AgentEventKind = "connected" | "attempt-failed" | "disconnected" | "loop-ended";

export interface AgentEvent {
  agent: number;
  kind: AgentEventKind;
  /** Epoch ms (Date.now() of the worker; same clock as the parent's). */
  t: number;
  detail?: string;
}

export type FromWorker =
  | { type: "registered"; count: number; ms: number }
  | { type: "started"; count: number }
  /** Batched: agent events and the start times of TCP dials made by the worker since the last batch. */
  | { type: "events"; events: AgentEvent[]; dials: number[] }
  | { type: "stopped"; warnings: [string, number][] }
  | { type: "failed"; message: string };
