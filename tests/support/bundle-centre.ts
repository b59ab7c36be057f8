/**
 * The shared set-up of the bundle tests: a real centre on a fresh database with its own blob
 * folder, an admin client, the CLI's environment (API token), temp folders cleaned up at the
 * end, and simulated clusters whose agents place bundles under their own --root.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { startAgent, type AgentProcess } from "./agent";
import { ApiClient } from "./api-client";
import { cliEnv, tempDir } from "./bundles";
import { ADMIN_PASSWORD, startCentre, type Centre } from "./centre";
import { eventually } from "./eventually";
import { createTestDatabase, type TestDatabase } from "./test-database";

export interface BundleCluster {
  id: string;
  name: string;
  agent: AgentProcess;
  stateDir: string;
  /** Where its agent places bundle files. */
  root: string;
}

export interface BundleCentre {
  db: TestDatabase;
  centre: Centre;
  admin: ApiClient;
  /** Environment for the `outpost` CLI: server and API token. */
  cli: Record<string, string>;
  blobDir: string;
  siteId: string;
  /** A temp folder removed by close(). */
  temp(prefix: string): string;
  /** Registers a simulated cluster in the site and waits until it is online. */
  register(name: string, labels?: Record<string, string>): Promise<BundleCluster>;
  /** Starts the agent of a registered cluster again (same state folder). */
  restart(cluster: BundleCluster): AgentProcess;
  close(): Promise<void>;
}

export async function startBundleCentre(siteName: string): Promise<BundleCentre> {
  const temps: string[] = [];
  const agents: AgentProcess[] = [];
  const temp = (prefix: string) => {
    const d = tempDir(prefix);
    temps.push(d);
    return d;
  };
  const db = await createTestDatabase();
  const blobDir = temp("centre-blobs");
  const centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_BLOB_DIR: blobDir } });
  const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const cli = await cliEnv(centre.url, admin);
  const siteId = (await admin.createSite(siteName)).id;
  const launch = (name: string, stateDir: string, token?: string) => {
    const agent = startAgent({ server: centre.url, registrationToken: token ?? "registered-already-0000", simulate: name, stateDir });
    agents.push(agent);
    return agent;
  };
  return {
    db,
    centre,
    admin,
    cli,
    blobDir,
    siteId,
    temp,
    async register(name, labels = {}) {
      const { token } = await admin.createRegistrationToken(siteId, name, labels);
      const stateDir = temp(`agent-${name}`);
      const agent = launch(name, stateDir, token);
      const online = await eventually(() => admin.clusters(), (cs) => cs.some((c) => c.name === name && c.status === "online"), `${name} online`, 30_000);
      return { id: online.find((c) => c.name === name)!.id, name, agent, stateDir, root: join(stateDir, "root") };
    },
    restart: (cluster) => (cluster.agent = launch(cluster.name, cluster.stateDir)),
    async close() {
      await Promise.all(agents.map((a) => a.stop()));
      await centre.stop();
      await db.drop();
      for (const d of temps) rmSync(d, { recursive: true, force: true });
    },
  };
}
