import type { ServerContext } from "../context";

/**
 * /etc/outpost-agent/agent.env: the agent's settings for its service (systemd EnvironmentFile
 * or the supervisor), including the one-time registration token. Values are checked to be
 * single printable lines, so nothing can add lines of its own.
 */
export function agentEnvFile(ctx: ServerContext, centreUrl: string, registrationToken: string): string {
  const vars: Record<string, string> = {
    OUTPOST_SERVER: centreUrl,
    OUTPOST_REGISTRATION_TOKEN: registrationToken,
    OUTPOST_KUBECONFIG: "/etc/rancher/k3s/k3s.yaml",
  };
  if (ctx.config.tlsCaFile ?? ctx.config.tlsCertFile) vars.NODE_EXTRA_CA_CERTS = "/etc/outpost-agent/centre-ca.pem";
  // The agent refuses a plain-http centre unless told; a centre served without TLS (labs) says so here.
  if (centreUrl.startsWith("http://")) vars.OUTPOST_INSECURE_PLAIN_HTTP = "1";
  for (const [k, v] of Object.entries(vars)) {
    if (!/^[\x21-\x7e]+$/.test(v)) throw new Error(`${k} must be one printable word`);
  }
  return `# Outpost agent settings (written by the centre; mode 0600)\n${Object.entries(vars).map(([k, v]) => `${k}=${v}`).join("\n")}\n`;
}
