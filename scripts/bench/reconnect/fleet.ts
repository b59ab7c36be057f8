/**
 * The parent's side of the agent workers: forks them, hands each its slice of the fleet, and
 * collects their agent events and TCP dial times.
 */
import { fork, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AgentEvent, FromWorker, ToWorker, WorkerAgentSpec } from "./protocol";
import { sleep } from "./stats";

const WORKER_FILE = join(dirname(fileURLToPath(import.meta.url)), "worker.ts");

export interface FleetOptions {
  workers: number;
  server: string;
  stateRoot: string;
  agents: WorkerAgentSpec[];
  registerConcurrencyPerWorker: number;
  changeIntervalMs: number;
  heartbeatIntervalMs: number;
}

export class Fleet {
  readonly events: AgentEvent[] = [];
  readonly dials: number[] = [];
  readonly warnings = new Map<string, number>();
  private readonly children: ChildProcess[] = [];
  private readonly registered = new Map<ChildProcess, number>();
  private readonly started = new Set<ChildProcess>();
  private readonly stopped = new Set<ChildProcess>();
  private failure: string | null = null;

  private constructor(private readonly opts: FleetOptions) {
    for (let w = 0; w < opts.workers; w++) {
      // tsx as a loader of a plain node process, as the centre is run (tests/support/paths.ts).
      const child = fork(WORKER_FILE, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
      child.on("message", (raw) => this.onMessage(child, raw as FromWorker));
      child.on("exit", (code, signal) => {
        if (!this.stopped.has(child) && this.failure === null) this.failure = `worker ${child.pid} exited (${code ?? signal}) unexpectedly`;
      });
      this.children.push(child);
    }
  }

  static start(opts: FleetOptions): Fleet {
    return new Fleet(opts);
  }

  get pids(): number[] {
    return this.children.flatMap((c) => (c.pid !== undefined && c.exitCode === null && c.signalCode === null ? [c.pid] : []));
  }

  /** Registers every agent (the agent's own registration code), `concurrency` at a time per worker. */
  async register(timeoutMs: number): Promise<void> {
    const { agents, workers } = this.opts;
    this.children.forEach((child, w) => {
      const slice = agents.filter((_, i) => i % workers === w);
      this.send(child, {
        type: "register",
        server: this.opts.server,
        stateRoot: this.opts.stateRoot,
        agents: slice,
        concurrency: this.opts.registerConcurrencyPerWorker,
        changeIntervalMs: this.opts.changeIntervalMs,
        heartbeatIntervalMs: this.opts.heartbeatIntervalMs,
      });
    });
    await this.until(() => this.registered.size === this.children.length, timeoutMs, "all workers registered their agents");
  }

  /** Starts every agent; each worker spreads its starts over `spreadMs`. */
  async startAgents(spreadMs: number, timeoutMs: number): Promise<void> {
    for (const child of this.children) this.send(child, { type: "start", spreadMs });
    await this.until(() => this.started.size === this.children.length, timeoutMs, "all workers started their agents");
  }

  /** Stops every agent cleanly (connection loops, reporters, outboxes), then the workers. */
  async stop(): Promise<void> {
    for (const child of this.children) {
      if (child.connected) this.send(child, { type: "stop" });
      else this.stopped.add(child);
    }
    try {
      await this.until(() => this.stopped.size === this.children.length, 30_000, "workers stopped", false);
    } catch {
      // Fall through to killing what is left.
    }
    await Promise.all(
      this.children.map(async (child) => {
        this.stopped.add(child);
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once("exit", r));
        const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  /** Kills the workers at once (for cleanup after an error). */
  kill(): void {
    for (const child of this.children) {
      this.stopped.add(child);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }

  /** Polls `done` every 100 ms; throws on timeout or when a worker failed. */
  async until(done: () => boolean, timeoutMs: number, what: string, failFast = true): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (failFast && this.failure) throw new Error(`agent worker failed: ${this.failure}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
      await sleep(100);
    }
  }

  private send(child: ChildProcess, msg: ToWorker): void {
    child.send(msg);
  }

  private onMessage(child: ChildProcess, msg: FromWorker): void {
    switch (msg.type) {
      case "registered":
        this.registered.set(child, msg.count);
        break;
      case "started":
        this.started.add(child);
        break;
      case "events":
        for (const e of msg.events) this.events.push(e);
        for (const t of msg.dials) this.dials.push(t);
        break;
      case "stopped":
        for (const [k, n] of msg.warnings) this.warnings.set(k, (this.warnings.get(k) ?? 0) + n);
        this.stopped.add(child);
        break;
      case "failed":
        this.failure ??= msg.message;
        break;
    }
  }
}
