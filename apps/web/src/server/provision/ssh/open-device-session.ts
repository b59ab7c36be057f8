import type { Readable } from "node:stream";
import { NodeSSH } from "node-ssh";
import type { DeviceAuth } from "@outpost/cluster-core";
import { StepError } from "../../jobs/job-kind";
import { describeHostKey, type HostKey } from "./host-key";
import { describeSshError } from "./describe-ssh-error";
import { shellQuote } from "./shell-quote";

export interface DeviceTarget {
  host: string;
  port: number;
  username: string;
  auth: DeviceAuth;
}

export interface RunOptions {
  /** Bytes for the command's stdin (never secrets on the command line: they go here). */
  stdin?: string | Readable;
  /** Run as root: directly when logged in as root, else through `sudo -n`. */
  privileged?: boolean;
  /** Each complete output line as it arrives (for the job log). */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface DeviceSession {
  readonly hostKey: HostKey;
  readonly root: boolean;
  run(command: string, opts?: RunOptions): Promise<RunResult>;
  /** Like run, but a non-zero exit becomes a StepError naming `what` and the last error lines. */
  runOk(what: string, command: string, opts?: RunOptions): Promise<string>;
  close(): void;
}

export class HostKeyChangedError extends StepError {
  constructor(readonly pinned: HostKey, readonly presented: HostKey) {
    super(
      `the device's host key changed: pinned ${pinned.fingerprint} (${pinned.type}), presented ${presented.fingerprint} (${presented.type}). ` +
        "Nothing was changed on the device. If it was reinstalled, forget its pinned host key and retry; otherwise the connection may be intercepted.",
    );
    this.name = "HostKeyChangedError";
  }
}

/**
 * Logs in to a device over SSH. The host key must match the pinned one (if any) before any
 * credential is sent; a mismatch stops here with both fingerprints. The connection notices a dead
 * link within ~15 s (keepalives) and is closed when `signal` aborts.
 */
export async function openDeviceSession(target: DeviceTarget, pinned: HostKey | null, signal: AbortSignal): Promise<DeviceSession> {
  const ssh = new NodeSSH();
  let presented: HostKey | null = null;
  let mismatch: HostKeyChangedError | null = null;
  // destroy, not only end: a server that never answers the handshake would keep a half-closed
  // socket (and the step) waiting for the ready timeout.
  const onAbort = () => {
    ssh.connection?.destroy();
    ssh.dispose();
  };
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await ssh.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      ...(target.auth.method === "key" ? { privateKey: target.auth.privateKey, passphrase: target.auth.passphrase } : { password: target.auth.password }),
      tryKeyboard: false,
      readyTimeout: 20_000,
      keepaliveInterval: 5_000,
      keepaliveCountMax: 3,
      hostVerifier: (key: Buffer) => {
        presented = describeHostKey(key);
        if (pinned && pinned.fingerprint !== presented.fingerprint) {
          mismatch = new HostKeyChangedError(pinned, presented);
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    signal.removeEventListener("abort", onAbort);
    ssh.dispose();
    if (mismatch) throw mismatch;
    if (signal.aborted) throw new StepError("cancelled");
    throw describeSshError(err, { ...target, method: target.auth.method });
  }
  // Without a listener, a connection error (e.g. "Keepalive timeout" on a cut link) would be thrown
  // from inside ssh2's timer, before it closes the socket: commands would then hang for ever.
  let lost: Error | null = null;
  ssh.connection?.on("error", (err: Error) => {
    lost = err;
  });
  const hostKey = presented as HostKey | null;
  if (!hostKey) {
    ssh.dispose();
    throw new StepError("the SSH server presented no host key");
  }
  const root = target.username === "root";

  const run = async (command: string, opts: RunOptions = {}): Promise<RunResult> => {
    if (signal.aborted) throw new StepError("cancelled");
    const full = opts.privileged && !root ? `sudo -n -- sh -c ${shellQuote(command)}` : command;
    const lines = { stdout: "", stderr: "" };
    const feed = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
      if (!opts.onLine) return;
      lines[stream] += chunk.toString();
      const parts = lines[stream].split("\n");
      lines[stream] = parts.pop() ?? "";
      for (const line of parts) if (line.trim()) opts.onLine(line, stream);
    };
    try {
      const r = await ssh.execCommand(full, { stdin: opts.stdin, onStdout: feed("stdout"), onStderr: feed("stderr") });
      for (const stream of ["stdout", "stderr"] as const) if (lines[stream].trim() && opts.onLine) opts.onLine(lines[stream], stream);
      if (r.code === null && !r.signal) {
        const why = (lost as Error | null)?.message;
        throw new StepError(`the connection to ${target.host} was lost while running a command${why ? ` (${why})` : ""}`);
      }
      return { code: r.code, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      if (signal.aborted) throw new StepError("cancelled");
      throw describeSshError(err, { ...target, method: target.auth.method });
    }
  };

  return {
    hostKey,
    root,
    run,
    async runOk(what, command, opts) {
      const r = await run(command, opts);
      if (r.code !== 0) {
        const tail = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-5).join(" | ");
        throw new StepError(`${what} failed (exit ${r.code ?? "lost"})${tail ? `: ${tail}` : ""}`);
      }
      return r.stdout;
    },
    close() {
      signal.removeEventListener("abort", onAbort);
      ssh.dispose();
    },
  };
}
