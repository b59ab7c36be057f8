import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";

/**
 * k3s's command line: `k3s server|agent [flags]`, flags also read from the environment and
 * from /etc/rancher/k3s/config.yaml (keys are flag names; `key+:` appends to a list flag).
 * Precedence as in k3s: command line, then config file, then environment. Only the flags the
 * stand-in acts on or accepts are known; any other flag is refused the way k3s's CLI library
 * refuses it ("flag provided but not defined").
 */
type Kind = "string" | "bool" | "list";
interface FlagSpec {
  kind: Kind;
  alias?: string;
  env?: string;
}

const COMMON: Record<string, FlagSpec> = {
  token: { kind: "string", alias: "t", env: "K3S_TOKEN" },
  "token-file": { kind: "string", env: "K3S_TOKEN_FILE" },
  server: { kind: "string", alias: "s", env: "K3S_URL" },
  config: { kind: "string", alias: "c", env: "K3S_CONFIG_FILE" },
  "data-dir": { kind: "string", alias: "d", env: "K3S_DATA_DIR" },
  "node-name": { kind: "string", env: "K3S_NODE_NAME" },
  "node-ip": { kind: "string", alias: "i" },
  "node-label": { kind: "list" },
  "node-taint": { kind: "list" },
  "with-node-id": { kind: "bool" },
  debug: { kind: "bool" },
};

const SERVER: Record<string, FlagSpec> = {
  ...COMMON,
  "write-kubeconfig": { kind: "string", alias: "o", env: "K3S_KUBECONFIG_OUTPUT" },
  "write-kubeconfig-mode": { kind: "string", env: "K3S_KUBECONFIG_MODE" },
  "tls-san": { kind: "list" },
  disable: { kind: "list" },
  "datastore-endpoint": { kind: "string", env: "K3S_DATASTORE_ENDPOINT" },
  "https-listen-port": { kind: "string" },
  "bind-address": { kind: "string" },
  "advertise-address": { kind: "string" },
  "cluster-init": { kind: "bool" },
  "disable-agent": { kind: "bool" },
  "secrets-encryption": { kind: "bool" },
};

export type K3sValues = Record<string, string | boolean | string[]>;

export interface K3sCommand {
  command: "server" | "agent";
  values: K3sValues;
  /** Lines for the log: config keys that were skipped, like k3s does. */
  warnings: string[];
}

export const DEFAULT_CONFIG_FILE = "/etc/rancher/k3s/config.yaml";

export function parseK3sCommand(argv: string[], env: NodeJS.ProcessEnv): K3sCommand {
  const [command, ...rest] = argv;
  if (command !== "server" && command !== "agent") throw new Error(`unknown command '${command ?? ""}': this k3s knows server, agent, kubectl and --version`);
  const specs = command === "server" ? SERVER : COMMON;
  const cli = parseFlags(rest, specs);
  const warnings: string[] = [];
  const configPath = (cli.config as string | undefined) ?? env.K3S_CONFIG_FILE;
  const fromFile = readConfigFile(configPath ?? DEFAULT_CONFIG_FILE, configPath !== undefined, specs, warnings);
  const values: K3sValues = {};
  for (const [name, spec] of Object.entries(specs)) {
    const v = cli[name] ?? fromFile[name] ?? (spec.env && env[spec.env] ? env[spec.env] : undefined);
    if (v !== undefined) values[name] = v;
  }
  return { command, values, warnings };
}

function parseFlags(args: string[], specs: Record<string, FlagSpec>): K3sValues {
  const byAlias = new Map(Object.entries(specs).flatMap(([name, s]) => (s.alias ? [[s.alias, name] as const] : [])));
  const out: K3sValues = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--?([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument '${arg}'`);
    const name = specs[m[1]!] ? m[1]! : byAlias.get(m[1]!);
    if (!name) throw new Error(`flag provided but not defined: -${m[1]}`);
    const spec = specs[name]!;
    let value = m[2];
    if (spec.kind === "bool") {
      out[name] = value === undefined ? true : value === "true";
      continue;
    }
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) throw new Error(`flag needs an argument: -${m[1]}`);
    }
    if (spec.kind === "list") out[name] = [...((out[name] as string[] | undefined) ?? []), value];
    else out[name] = value;
  }
  return out;
}

function readConfigFile(path: string, explicit: boolean, specs: Record<string, FlagSpec>, warnings: string[]): K3sValues {
  if (!existsSync(path)) {
    if (explicit) throw new Error(`config file ${path} does not exist`);
    return {};
  }
  const doc: unknown = parseYaml(readFileSync(path, "utf8"));
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) throw new Error(`${path} must hold a YAML mapping of flag names to values`);
  const out: K3sValues = {};
  for (const [rawKey, raw] of Object.entries(doc)) {
    const append = rawKey.endsWith("+");
    const key = append ? rawKey.slice(0, -1) : rawKey;
    const spec = specs[key];
    if (!spec) {
      warnings.push(`Unknown flag --${key} found in config.yaml, skipping`);
      continue;
    }
    if (spec.kind === "bool") out[key] = raw === true || raw === "true";
    else if (spec.kind === "list") {
      const items = (Array.isArray(raw) ? raw : String(raw).split(",")).map(String);
      out[key] = append ? [...((out[key] as string[] | undefined) ?? []), ...items] : items;
    } else out[key] = String(raw);
  }
  return out;
}
