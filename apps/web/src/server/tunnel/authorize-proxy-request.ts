import type { IncomingMessage } from "node:http";
import { ZTunnelIdentity, outpostIdentity, type Role, type TunnelIdentity } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import type { Authenticated } from "../auth/authenticate";
import { AppError } from "../errors/app-error";
import { requireClusterAccess, type ClusterAccess } from "../access/require-cluster-access";

export type ProxyAuthorization =
  | {
      ok: true;
      cluster: ClusterAccess["cluster"];
      role: Role;
      /** Who the request acts as on the cluster (the agent impersonates it). */
      identity: TunnelIdentity;
      /** Set when an admin used `kubectl --as`: the identity came from their headers. */
      impersonated: boolean;
    }
  | { ok: false; status: 400 | 403 | 404; message: string };

/**
 * Decides whether a caller may reach a cluster's kube API and as whom. A kubeconfig's token
 * reaches only its own cluster; a cluster outside the caller's grants does not exist (404).
 * The cluster itself then decides each request for the identity named here: the user as
 * `outpost:<name>` in their role's and their groups' Kubernetes groups. Impersonation headers
 * from the client (`kubectl --as`) are honoured for admins of the cluster only; for anyone else
 * they are refused rather than dropped, so nobody thinks they acted as someone else.
 */
export async function authorizeProxyRequest(ctx: Pick<ServerContext, "db">, auth: Authenticated, clusterId: string, req: Pick<IncomingMessage, "headersDistinct">): Promise<ProxyAuthorization> {
  const noSuchCluster = { ok: false, status: 404, message: "Outpost: no such cluster" } as const;
  if (auth.tokenScope !== null && auth.tokenScope !== "api" && auth.tokenScope !== `kubeconfig:${clusterId}`) return noSuchCluster;
  let access: ClusterAccess;
  try {
    access = await requireClusterAccess(ctx, auth.access, clusterId);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return noSuchCluster;
    throw err;
  }
  const { cluster, role } = access;

  const headers = req.headersDistinct;
  const asUser = headers["impersonate-user"];
  const asGroups = headers["impersonate-group"] ?? [];
  const other = Object.keys(headers).filter((h) => h.startsWith("impersonate-") && h !== "impersonate-user" && h !== "impersonate-group");
  if (!asUser && asGroups.length === 0 && other.length === 0) {
    return { ok: true, cluster, role, identity: outpostIdentity(auth.user.username, role, auth.access.groups), impersonated: false };
  }
  if (role !== "admin") {
    return { ok: false, status: 403, message: `Outpost: kubectl --as (impersonation) needs the admin role on cluster ${cluster.name}; you are ${role} there` };
  }
  if (other.length > 0) return { ok: false, status: 400, message: `Outpost: only Impersonate-User and Impersonate-Group are passed on, not ${other.join(", ")}` };
  if (!asUser || asUser.length !== 1) return { ok: false, status: 400, message: "Outpost: impersonating groups needs exactly one user (kubectl --as USER --as-group GROUP)" };
  const identity = ZTunnelIdentity.safeParse({ user: asUser[0], groups: asGroups });
  if (!identity.success) return { ok: false, status: 400, message: `Outpost: impersonation: ${identity.error.issues[0]?.message ?? "invalid names"}` };
  return { ok: true, cluster, role, identity: identity.data, impersonated: true };
}
