import type { K3sOptions } from "./k3s-options";

export interface K3sConfigInput {
  role: "server" | "agent";
  options: K3sOptions;
  /** The node-token an agent joins with; a server makes its own (kept in server/token). */
  token?: string;
  /** For an agent: https://server:6443. */
  server?: string;
}

export const K3S_CONFIG_PATH = "/etc/rancher/k3s/config.yaml";

/**
 * /etc/rancher/k3s/config.yaml for a device: k3s's flag names as keys. Values are written as
 * JSON strings, which YAML reads as double-quoted scalars, so no value can change the file's
 * structure. An agent's file holds the join token: it is written 0600.
 */
export function renderK3sConfig(input: K3sConfigInput): string {
  const { options } = input;
  const lines = ["# Written by Outpost; k3s reads it at start (flags on the command line win)."];
  const scalar = (key: string, value: string) => lines.push(`${key}: ${JSON.stringify(value)}`);
  const list = (key: string, values: string[]) => {
    if (values.length === 0) return;
    lines.push(`${key}:`);
    for (const v of values) lines.push(`  - ${JSON.stringify(v)}`);
  };
  if (input.role === "agent") {
    if (!input.server || !input.token) throw new Error("an agent's config needs the server URL and the join token");
    scalar("server", input.server);
    scalar("token", input.token);
  } else {
    scalar("write-kubeconfig-mode", "0600");
    list("tls-san", options.tlsSan);
    list("disable", options.disable);
    if (options.datastoreEndpoint) scalar("datastore-endpoint", options.datastoreEndpoint);
  }
  list("node-label", Object.entries(options.nodeLabels).map(([k, v]) => `${k}=${v}`));
  list("node-taint", options.nodeTaints.map((t) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`));
  return `${lines.join("\n")}\n`;
}
