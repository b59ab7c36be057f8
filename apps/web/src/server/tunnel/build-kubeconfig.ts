import { readFileSync } from "node:fs";
import type { CurrentUser, Role } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { createApiToken } from "../users/api-token-service";
import { K8S_PREFIX } from "./parse-k8s-proxy-url";

/**
 * A kubeconfig whose server is the centre's /k8s/clusters/:id proxy and whose credential is a
 * fresh token of the downloading user, scoped to this one cluster's kube API (it opens nothing
 * else: not the Outpost API, not another cluster) and expiring after OUTPOST_KUBECONFIG_TOKEN_DAYS.
 * kubectl then acts as that user, as the cluster's RBAC sees them; the token can be revoked under
 * API tokens. The cluster's own credentials never appear in it.
 */
export async function buildKubeconfig(
  ctx: Pick<ServerContext, "db" | "config">,
  user: CurrentUser,
  cluster: { id: string; name: string; role: Role },
  centreUrl: string,
  caFile: string | undefined,
): Promise<{ fileName: string; yaml: string }> {
  const clusterId = cluster.id;
  const token = await createApiToken(ctx.db, user, {
    name: `kubeconfig for ${cluster.name}`,
    expiresInDays: ctx.config.kubeconfigTokenDays,
    scope: `kubeconfig:${clusterId}`,
  });
  const name = `outpost-${cluster.name}`;
  const q = (s: string) => JSON.stringify(s); // JSON strings are valid YAML scalars
  const yaml = [
    "apiVersion: v1",
    "kind: Config",
    `# Cluster ${cluster.name} through Outpost, as ${user.username} (${cluster.role} there); token expires ${token.expiresAt}`,
    ...(centreUrl.startsWith("https:") ? [] : ["# kubectl sends tokens only over HTTPS: serve Outpost with OUTPOST_TLS_CERT/KEY or behind a TLS proxy"]),
    "clusters:",
    `- name: ${q(name)}`,
    "  cluster:",
    `    server: ${q(`${centreUrl}${K8S_PREFIX}${clusterId}`)}`,
    ...(caFile ? [`    certificate-authority-data: ${q(readFileSync(caFile).toString("base64"))}`] : []),
    "users:",
    `- name: ${q(`${name}-${user.username}`)}`,
    "  user:",
    `    token: ${q(token.token)}`,
    "contexts:",
    `- name: ${q(name)}`,
    "  context:",
    `    cluster: ${q(name)}`,
    `    user: ${q(`${name}-${user.username}`)}`,
    `current-context: ${q(name)}`,
    "",
  ].join("\n");
  return { fileName: `${name}.kubeconfig.yaml`, yaml };
}
