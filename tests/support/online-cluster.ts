/**
 * The shared integration fixture "test cluster + centre + agent online": a real Kubernetes API
 * server (scripts/testcluster.sh), the real centre on a fresh database, and the real built agent
 * in --kubeconfig mode (KubeDriver), registered through a site and a registration token and shown
 * online with all its nodes. Use it for any test about a real cluster behind Outpost; build on
 * its parts (`cluster`, `centre`, `admin`, `agent`) rather than starting your own.
 *
 *   let oc: OnlineCluster;
 *   beforeAll(async () => { oc = await startOnlineCluster({ name: "plant-3" }); }, ONLINE_CLUSTER_TIMEOUT_MS);
 *   afterAll(() => oc?.stop());
 */
import type { ClusterSummary } from "@outpost/cluster-core";
import { startAgent, type AgentOptions, type AgentProcess } from "./agent";
import { ApiClient } from "./api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "./centre";
import { eventually } from "./eventually";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { startTestCluster, type TestCluster } from "./test-cluster";

/** A beforeAll timeout that covers starting everything on a loaded 2-core machine. */
export const ONLINE_CLUSTER_TIMEOUT_MS = 240_000;

export type Role = "viewer" | "operator" | "admin";

export interface OnlineClusterOptions {
  /** Site name; the cluster is `<name>-k3s`. Default "edge". */
  name?: string;
  /** kwok nodes of the test cluster (edge-node-0 is the control plane). Default 2. */
  nodes?: number;
  /** Serve the centre over HTTPS (kubectl sends bearer tokens only over TLS). */
  tls?: boolean;
  centreEnv?: Record<string, string>;
  /** Extra agent options: environment, or `bin` to run another copy of the agent. */
  agent?: Pick<AgentOptions, "env" | "bin" | "cwd">;
}

export interface OnlineCluster {
  cluster: TestCluster;
  db: TestDatabase;
  centre: Centre;
  /** Signed in as the first admin; replaced by restartCentre(). */
  admin: ApiClient;
  /** The running agent; replaced by restartAgent(). */
  agent: AgentProcess;
  siteId: string;
  clusterName: string;
  clusterId: string;
  /** The (spent) registration token the agent registered with. */
  registrationToken: string;
  /** The cluster as the centre lists it now. */
  summary(): Promise<ClusterSummary>;
  /** Waits until the centre shows the cluster online with every node Ready. */
  waitOnline(timeoutMs?: number): Promise<ClusterSummary>;
  /** Starts the agent again on its state dir (saved credential) after stop or kill; waits until online. */
  restartAgent(): Promise<void>;
  /** Restarts the centre on the same port and database, and signs the admin in again. */
  restartCentre(): Promise<void>;
  /** Creates a user with the role (once per username) and signs them in. */
  signInAs(role: Role, username?: string): Promise<ApiClient>;
  stop(): Promise<void>;
}

export async function startOnlineCluster(opts: OnlineClusterOptions = {}): Promise<OnlineCluster> {
  const name = opts.name ?? "edge";
  const nodes = opts.nodes ?? 2;
  const clusterName = `${name}-k3s`;
  const cluster = await startTestCluster({ nodes });
  const db = await createTestDatabase().catch(async (err: unknown) => {
    await cluster.stop();
    throw err;
  });
  let centre: Centre | undefined;
  let agent: AgentProcess | undefined;
  try {
    centre = await startCentre({ databaseUrl: db.url, tls: opts.tls, env: opts.centreEnv });
    const c = centre;
    const admin = await ApiClient.signIn(c.url, "admin", ADMIN_PASSWORD);
    const site = await admin.createSite(name);
    const { token } = await admin.createRegistrationToken(site.id, clusterName);
    const launch = (stateDir?: string) => startAgent({ ...opts.agent, server: c.url, registrationToken: token, kubeconfig: cluster.kubeconfig, stateDir });
    agent = launch();
    const users = new Set<string>();
    const oc: OnlineCluster = {
      cluster,
      db,
      centre: c,
      admin,
      agent,
      siteId: site.id,
      clusterName,
      clusterId: "",
      registrationToken: token,
      async summary() {
        const found = (await oc.admin.clusters()).find((s) => s.name === clusterName);
        if (!found) throw new Error(`the centre does not list ${clusterName}`);
        return found;
      },
      waitOnline: (timeoutMs = 30_000) =>
        eventually(oc.summary, (s) => s.status === "online" && s.nodesTotal === nodes && s.nodesReady === nodes, `${clusterName} online with ${nodes} ready nodes`, timeoutMs),
      async restartAgent() {
        await oc.agent.stop();
        oc.agent = launch(oc.agent.stateDir);
        await oc.waitOnline();
      },
      async restartCentre() {
        await c.restart();
        oc.admin = await ApiClient.signIn(c.url, "admin", ADMIN_PASSWORD);
      },
      async signInAs(role, username = `${role}-user`) {
        const password = `${username}-password-1`;
        if (!users.has(username)) {
          await oc.admin.ok("POST", "/api/v1/users", { username, password, role });
          users.add(username);
        }
        return ApiClient.signIn(c.url, username, password);
      },
      async stop() {
        await oc.agent.stop().catch(() => undefined);
        await c.stop().catch(() => undefined);
        await Promise.all([cluster.stop(), db.drop()]);
      },
    };
    oc.clusterId = (await oc.waitOnline()).id;
    // A cluster's first desired state holds Outpost's RBAC bindings (viewer → view, …): requests
    // through the centre act as the Outpost user, and need them applied on the cluster.
    await eventually(
      () => admin.ok<{ generation: number; appliedGeneration: number }>("GET", `/api/v1/clusters/${oc.clusterId}/desired-state`),
      (d) => d.generation > 0 && d.appliedGeneration === d.generation,
      "Outpost's RBAC bindings applied",
      30_000,
    );
    return oc;
  } catch (err) {
    await agent?.stop().catch(() => undefined);
    await centre?.stop().catch(() => undefined);
    await Promise.all([cluster.stop(), db.drop().catch(() => undefined)]);
    if (agent && err instanceof Error) err.message += `\n--- agent output:\n${agent.output().slice(-3000)}`;
    throw err;
  }
}
