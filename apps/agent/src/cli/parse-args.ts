import { parseArgs } from "node:util";
import { ZRegisterAgentRequest, ZResourceName } from "@outpost/cluster-core";
import { AgentConfigError } from "../errors/agent-error";

export type ClusterSource =
  | { mode: "kube"; kubeconfig: string }
  | { mode: "simulate"; name: string; changeIntervalMs: number };

export interface AgentConfig {
  /** Normalised base URL without a trailing slash. */
  server: string;
  /**
   * Optional: an agent that already holds a credential does not need it. From the environment
   * (OUTPOST_REGISTRATION_TOKEN), or a file read at start (never the command line, which every
   * user of the machine can read in `ps`).
   */
  registrationToken: { from: "env"; token: string } | { from: "file"; path: string } | undefined;
  cluster: ClusterSource;
  stateDir: string;
  heartbeatIntervalMs: number;
  /** Bound of the durable outbox's pending data (OUTPOST_OUTBOX_MAX_BYTES). */
  outboxMaxBytes: number;
  /** How often the cached desired state is applied again (OUTPOST_RECONCILE_INTERVAL_MS). */
  reconcileIntervalMs: number;
  /** Where bundles place k3s's files (`/` on a device). */
  root: string;
  /** The k3s server's join token, read when the centre joins a new node (OUTPOST_K3S_TOKEN_FILE). */
  k3sTokenFile: string;
}

/** `outpost-agent import DIR`: install a bundle from a directory (a USB stick), offline. */
export interface ImportConfig {
  dir: string;
  stateDir: string;
  root: string;
}

export type ParsedCommand = { kind: "help" } | { kind: "version" } | { kind: "run"; config: AgentConfig } | { kind: "import"; config: ImportConfig };

export const DEFAULT_STATE_DIR = "/var/lib/outpost-agent";
export const DEFAULT_K3S_TOKEN_FILE = "/var/lib/rancher/k3s/server/node-token";
const DEFAULT_HEARTBEAT_SECONDS = 5;
const DEFAULT_SIM_CHANGE_INTERVAL_MS = 15_000;

const OPTIONS = {
  server: { type: "string" },
  "registration-token": { type: "string" },
  "registration-token-file": { type: "string" },
  "insecure-plain-http": { type: "boolean" },
  kubeconfig: { type: "string" },
  simulate: { type: "string" },
  "state-dir": { type: "string" },
  "heartbeat-interval": { type: "string" },
  root: { type: "string" },
  "k3s-token-file": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

/**
 * Reads the command line, then the environment for whatever the command line left out.
 * Pure: it checks shapes only (no file access), so every rule is unit-testable.
 */
export function parseAgentArgs(argv: readonly string[], env: Record<string, string | undefined>): ParsedCommand {
  if (argv[0] === "import") return parseImportArgs(argv.slice(1), env);
  const values = readFlags(argv);
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };

  const fromEnv = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const server = parseServerUrl(values.server ?? fromEnv("OUTPOST_SERVER"), values["insecure-plain-http"] === true || fromEnv("OUTPOST_INSECURE_PLAIN_HTTP") === "1");

  const registrationToken = parseRegistrationToken(values["registration-token"], values["registration-token-file"] ?? fromEnv("OUTPOST_REGISTRATION_TOKEN_FILE"), fromEnv("OUTPOST_REGISTRATION_TOKEN"));

  const cluster = parseClusterSource(values.kubeconfig, values.simulate, fromEnv);

  const stateDir = parseStateDir(values["state-dir"], fromEnv);
  const root = parseRoot(values.root, fromEnv);

  const heartbeatText = values["heartbeat-interval"] ?? fromEnv("OUTPOST_HEARTBEAT_INTERVAL");
  const heartbeatSeconds = heartbeatText === undefined ? DEFAULT_HEARTBEAT_SECONDS : Number(heartbeatText);
  // Sub-second beats are allowed for tests; more than an hour would make "offline" detection useless.
  if (!Number.isFinite(heartbeatSeconds) || heartbeatSeconds < 0.1 || heartbeatSeconds > 3600) {
    throw new AgentConfigError(`--heartbeat-interval must be a number of seconds between 0.1 and 3600, got '${heartbeatText}'`);
  }

  const k3sTokenFile = values["k3s-token-file"] ?? fromEnv("OUTPOST_K3S_TOKEN_FILE") ?? DEFAULT_K3S_TOKEN_FILE;

  const outboxMaxBytes = positiveIntegerFromEnv(fromEnv, "OUTPOST_OUTBOX_MAX_BYTES", 32 * 1024 * 1024, 64 * 1024);
  const reconcileIntervalMs = positiveIntegerFromEnv(fromEnv, "OUTPOST_RECONCILE_INTERVAL_MS", 30_000, 500);

  return {
    kind: "run",
    config: { server, registrationToken, cluster, stateDir, heartbeatIntervalMs: Math.round(heartbeatSeconds * 1000), outboxMaxBytes, reconcileIntervalMs, root, k3sTokenFile },
  };
}

function parseImportArgs(argv: readonly string[], env: Record<string, string | undefined>): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { "state-dir": { type: "string" }, root: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: true });
  } catch (err) {
    throw new AgentConfigError(err instanceof Error ? (err.message.split(". To specify")[0] ?? err.message) : String(err));
  }
  if (parsed.values.help) return { kind: "help" };
  const fromEnv = (name: string) => env[name]?.trim() || undefined;
  if (parsed.positionals.length !== 1) throw new AgentConfigError("import takes exactly one bundle directory: outpost-agent import DIR");
  return { kind: "import", config: { dir: parsed.positionals[0]!, stateDir: parseStateDir(parsed.values["state-dir"], fromEnv), root: parseRoot(parsed.values.root, fromEnv) } };
}

function parseStateDir(flag: string | undefined, fromEnv: (name: string) => string | undefined): string {
  const stateDir = flag ?? fromEnv("OUTPOST_AGENT_STATE_DIR") ?? DEFAULT_STATE_DIR;
  if (stateDir.trim() === "") throw new AgentConfigError("--state-dir must not be empty");
  return stateDir;
}

function parseRoot(flag: string | undefined, fromEnv: (name: string) => string | undefined): string {
  const root = flag ?? fromEnv("OUTPOST_ROOT") ?? "/";
  if (!root.startsWith("/")) throw new AgentConfigError(`--root must be an absolute directory, got '${root}'`);
  return root;
}

function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    // node:util's messages are clear ("Unknown option '--sever'") but go on about "--" usage.
    const message = err instanceof Error ? (err.message.split(". To specify")[0] ?? err.message) : String(err);
    throw new AgentConfigError(message);
  }
}

/**
 * The one-time token comes from a file or the environment. On the command line it would be
 * readable by every user of the device (`ps`, /proc/PID/cmdline) for as long as the agent runs.
 */
function parseRegistrationToken(onCommandLine: string | undefined, file: string | undefined, fromEnvironment: string | undefined): AgentConfig["registrationToken"] {
  if (onCommandLine !== undefined) {
    throw new AgentConfigError(
      "--registration-token would show the token to every user of this machine (ps); put it in a file readable only by root and pass --registration-token-file PATH, or set OUTPOST_REGISTRATION_TOKEN",
    );
  }
  if (file !== undefined) {
    if (file.trim() === "") throw new AgentConfigError("--registration-token-file must be a file path");
    return { from: "file", path: file };
  }
  if (fromEnvironment === undefined) return undefined;
  return { from: "env", token: checkRegistrationToken(fromEnvironment, "OUTPOST_REGISTRATION_TOKEN") };
}

/** A registration token's shape; `source` names where it came from in the message. */
export function checkRegistrationToken(token: string, source: string): string {
  if (!ZRegisterAgentRequest.shape.registrationToken.safeParse(token).success) {
    throw new AgentConfigError(`${source} must hold a registration token of 16 to 256 characters (copy the whole token)`);
  }
  return token;
}

function parseServerUrl(text: string | undefined, insecurePlainHttp: boolean): string {
  if (!text) throw new AgentConfigError("--server URL is required (or set OUTPOST_SERVER)");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AgentConfigError(`--server must be a URL like https://outpost.example.com, got '${text}'`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AgentConfigError(`--server must use http or https, got '${url.protocol.slice(0, -1)}'`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new AgentConfigError("--server must not contain credentials, a query or a fragment");
  }
  if (url.protocol === "http:" && !insecurePlainHttp) {
    throw new AgentConfigError(
      `--server ${url.origin} is plain http: the agent's credential and every kubectl session would cross the network readable by anyone on the path; use https, or pass --insecure-plain-http for a lab without TLS`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function parseClusterSource(
  kubeconfigFlag: string | undefined,
  simulateFlag: string | undefined,
  fromEnv: (name: string) => string | undefined,
): ClusterSource {
  // The command line decides as a pair: `--simulate x` on a device whose environment happens to
  // carry OUTPOST_KUBECONFIG must not be an error.
  const fromFlags = kubeconfigFlag !== undefined || simulateFlag !== undefined;
  const kubeconfig = fromFlags ? kubeconfigFlag : fromEnv("OUTPOST_KUBECONFIG");
  const simulate = fromFlags ? simulateFlag : fromEnv("OUTPOST_SIMULATE");

  if (kubeconfig !== undefined && simulate !== undefined) {
    throw new AgentConfigError("use exactly one of --kubeconfig and --simulate, not both");
  }
  if (kubeconfig !== undefined) {
    if (kubeconfig.trim() === "") throw new AgentConfigError("--kubeconfig must be a file path");
    return { mode: "kube", kubeconfig };
  }
  if (simulate !== undefined) {
    if (!ZResourceName.safeParse(simulate).success) {
      throw new AgentConfigError(`--simulate NAME must be a lower-case DNS label like store-042, got '${simulate}'`);
    }
    const intervalText = fromEnv("OUTPOST_SIM_CHANGE_INTERVAL_MS");
    const changeIntervalMs = intervalText === undefined ? DEFAULT_SIM_CHANGE_INTERVAL_MS : Number(intervalText);
    if (!Number.isInteger(changeIntervalMs) || changeIntervalMs < 100) {
      throw new AgentConfigError(`OUTPOST_SIM_CHANGE_INTERVAL_MS must be a whole number of milliseconds ≥ 100, got '${intervalText}'`);
    }
    return { mode: "simulate", name: simulate, changeIntervalMs };
  }
  throw new AgentConfigError("one of --kubeconfig PATH or --simulate NAME is required");
}

function positiveIntegerFromEnv(fromEnv: (name: string) => string | undefined, name: string, fallback: number, min: number): number {
  const text = fromEnv(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new AgentConfigError(`${name} must be a whole number ≥ ${min}, got '${text}'`);
  return value;
}
