import { readFileSync } from "node:fs";
import type { CurrentUser } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { createApiToken } from "../users/api-token-service";
import { K8S_PREFIX } from "./parse-k8s-proxy-url";

const KUBECONFIG_TOKEN_DAYS = 90;

/**
 * A kubeconfig whose server is the centre's /k8s/clusters/:id proxy and whose credential is a
 * fresh API token of the downloading user (so kubectl acts with that user's role, and the token
 * can be revoked under API tokens). The cluster's own credentials never appear in it.
 */
export async function buildKubeconfig(
  db: Db,
  user: CurrentUser,
  clusterId: string,
  centreUrl: string,
  caFile: string | undefined,
): Promise<{ fileName: string; yaml: string }> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { name: true } });
  if (!cluster) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  const token = await createApiToken(db, user, { name: `kubeconfig for ${cluster.name}`, expiresInDays: KUBECONFIG_TOKEN_DAYS });
  const name = `outpost-${cluster.name}`;
  const q = (s: string) => JSON.stringify(s); // JSON strings are valid YAML scalars
  const yaml = [
    "apiVersion: v1",
    "kind: Config",
    `# Cluster ${cluster.name} through Outpost, as ${user.username} (${user.role}); token expires ${token.expiresAt}`,
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
