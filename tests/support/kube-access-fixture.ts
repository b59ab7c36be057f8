import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClusterSummary, GrantView } from "@outpost/cluster-core";
import { startAgent, type AgentProcess } from "./agent";
import { ApiClient } from "./api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "./centre";
import { eventually } from "./eventually";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { readTestClusterEnv, startTestCluster, type TestCluster } from "./test-cluster";

/** One Outpost user of the fixture, signed in, with a kubeconfig per cluster they may download. */
export interface AccessUser {
  username: string;
  password: string;
  api: ApiClient;
}

/**
 * Two sites (berlin, paris), each with one Outpost cluster whose agent serves the same real test
 * control plane (so both are real Kubernetes, cheaply), a TLS centre (kubectl sends tokens only
 * over HTTPS), and users: the admin, a viewer on every cluster, an operator on every cluster,
 * and an operator of site berlin only. Outpost's RBAC bindings are applied on both before it
 * resolves.
 */
export interface KubeAccessFixture {
  cluster: TestCluster;
  centre: Centre;
  db: TestDatabase;
  tmp: string;
  /** The Outpost cluster ids of berlin's and paris's cluster. */
  berlin: string;
  paris: string;
  berlinSiteId: string;
  admin: AccessUser;
  viewer: AccessUser;
  operator: AccessUser;
  berlinOperator: AccessUser;
  agents: AgentProcess[];
  /** The test cluster's env file (POD_LOG_FILE, EXEC_DIR…). */
  env: Record<string, string>;
  /** Downloads a kubeconfig of `user` for a cluster into the fixture's temp dir. */
  kubeconfig(user: AccessUser, clusterId: string): Promise<string>;
  kubectl(kubeconfig: string, args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }>;
  stop(): Promise<void>;
}

export async function startKubeAccessFixture(): Promise<KubeAccessFixture> {
  const [cluster, db] = await Promise.all([startTestCluster({ nodes: 1 }), createTestDatabase()]);
  const centre = await startCentre({ databaseUrl: db.url, tls: true });
  const tmp = mkdtempSync(join(tmpdir(), "outpost-access-test-"));
  const adminApi = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const agents: AgentProcess[] = [];

  const ids: Record<string, string> = {};
  const siteIds: Record<string, string> = {};
  for (const city of ["berlin", "paris"]) {
    const site = await adminApi.createSite(city, { city });
    siteIds[city] = site.id;
    const { token } = await adminApi.createRegistrationToken(site.id, `${city}-1`, { city });
    agents.push(startAgent({ server: centre.url, registrationToken: token, kubeconfig: cluster.kubeconfig }));
  }
  const clusters = await eventually(() => adminApi.clusters(), (cs) => cs.length === 2 && cs.every((c) => c.status === "online"), "both clusters online", 60_000);
  for (const c of clusters as ClusterSummary[]) ids[c.siteName] = c.id;
  for (const id of Object.values(ids)) {
    await eventually(() => adminApi.ok<{ generation: number; appliedGeneration: number }>("GET", `/api/v1/clusters/${id}/desired-state`), (d) => d.generation > 0 && d.appliedGeneration === d.generation, "RBAC bindings applied", 60_000);
  }

  const makeUser = async (username: string, role: string, clusterAccess: "all" | "none"): Promise<AccessUser> => {
    const password = `${username}-password-1`;
    await adminApi.ok("POST", "/api/v1/users", { username, password, role, clusterAccess });
    return { username, password, api: await ApiClient.signIn(centre.url, username, password) };
  };
  const viewer = await makeUser("vic", "viewer", "all");
  const operator = await makeUser("otto", "operator", "all");
  const berlinOperator = await makeUser("bert", "viewer", "none");
  const users = await adminApi.ok<{ id: string; username: string }[]>("GET", "/api/v1/users");
  await adminApi.ok<GrantView>("POST", "/api/v1/grants", { subject: { kind: "user", userId: users.find((u) => u.username === "bert")!.id }, role: "operator", scope: { kind: "site", siteId: siteIds.berlin } });

  let n = 0;
  return {
    cluster,
    centre,
    db,
    tmp,
    berlin: ids.berlin!,
    paris: ids.paris!,
    berlinSiteId: siteIds.berlin!,
    admin: { username: "admin", password: ADMIN_PASSWORD, api: adminApi },
    viewer,
    operator,
    berlinOperator,
    agents,
    env: readTestClusterEnv(cluster.dir),
    async kubeconfig(user, clusterId) {
      const res = await user.api.call<string>("POST", `/api/v1/clusters/${clusterId}/kubeconfig`);
      if (res.status !== 200) throw new Error(`kubeconfig for ${user.username}: ${res.status} ${JSON.stringify(res.body)}`);
      const path = join(tmp, `${user.username}-${n++}.yaml`);
      writeFileSync(path, String(res.body), { mode: 0o600 });
      return path;
    },
    kubectl: (kubeconfig, args, input) => cluster.kubectlRun(args, { kubeconfig, ...(input !== undefined ? { input } : {}) }),
    async stop() {
      await Promise.all(agents.map((a) => a.stop()));
      await centre.stop();
      await Promise.all([cluster.stop(), db.drop()]);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
