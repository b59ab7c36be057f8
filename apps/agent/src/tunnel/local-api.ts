import http, { type ClientRequest, type OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import { KubeConfig } from "@kubernetes/client-node";
import type { TunnelOpen } from "@outpost/cluster-core";
import { AgentConfigError } from "../errors/agent-error";

/** The cluster's own API server, reached with the device's kubeconfig credentials. */
export interface LocalApi {
  /** Starts a request; the caller writes the body and ends it. */
  request(open: Pick<TunnelOpen, "method" | "path" | "headers" | "identity" | "upgrade">): ClientRequest;
  close(): void;
}

/**
 * Builds the local API client from a kubeconfig (k3s: /etc/rancher/k3s/k3s.yaml). TLS material
 * and tokens come from the kubeconfig through @kubernetes/client-node, so every auth method a
 * kubeconfig can hold works; they stay in this process and never go into the tunnel.
 */
export async function createLocalApi(kubeconfigPath: string): Promise<LocalApi> {
  const config = new KubeConfig();
  try {
    config.loadFromFile(kubeconfigPath);
  } catch (err) {
    throw new AgentConfigError(`cannot load kubeconfig ${kubeconfigPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new AgentConfigError(`kubeconfig ${kubeconfigPath} has no current cluster`);
  const server = new URL(cluster.server);
  const tls: https.RequestOptions = {};
  await config.applyToHTTPSOptions(tls);
  const secure = server.protocol === "https:";
  // One keep-alive pool for all tunnel streams: a busy kubectl session reuses connections.
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 128, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: !cluster.skipTLSVerify })
    : new http.Agent({ keepAlive: true, maxSockets: 128 });
  const basePath = server.pathname.replace(/\/$/, "");
  const authHeaders = (tls.headers ?? {}) as Record<string, string>;

  return {
    request(open) {
      const headers: OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries({ ...open.headers, ...open.upgrade, ...authHeaders })) if (v !== undefined) headers[k] = v;
      if (open.upgrade) headers.connection = "Upgrade";
      // The device's own credential may impersonate; the cluster's RBAC then decides for the
      // Outpost user the centre named, and its audit log shows that user.
      if (open.identity) {
        headers["impersonate-user"] = open.identity.user;
        if (open.identity.groups.length > 0) headers["impersonate-group"] = open.identity.groups;
      }
      const options = {
        host: server.hostname,
        port: server.port || (secure ? 443 : 80),
        method: open.method,
        path: basePath + open.path,
        headers,
        agent,
      };
      return secure ? https.request(options) : http.request(options);
    },
    close: () => agent.destroy(),
  };
}
