import { join } from "node:path";
import type { Page } from "@playwright/test";
import { startAgent, type AgentProcess } from "../../tests/support/agent";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../../tests/support/centre";
import { eventually } from "../../tests/support/eventually";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";

export interface SimulatedFleet {
  db: TestDatabase;
  centre: Centre;
  admin: ApiClient;
  agents: Map<string, AgentProcess>;
  /** Kills the cluster's agent with SIGKILL. */
  killAgent(cluster: string): Promise<void>;
  /** Starts the cluster's agent again from its saved credential. */
  restartAgent(cluster: string): void;
  /** Where the cluster's agent places bundle files (its --root). */
  rootOf(cluster: string): string;
  stop(): Promise<void>;
}

/** A real centre on a fresh SQLite file with one simulated cluster per site, each behind a real agent process. */
export async function startSimulatedFleet(sites: string[], opts: { centreEnv?: Record<string, string> } = {}): Promise<SimulatedFleet> {
  const db = await createTestDatabase();
  const centre = await startCentre({ databaseUrl: db.url, env: opts.centreEnv });
  const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const agents = new Map<string, AgentProcess>();
  const tokens = new Map<string, string>();
  for (const name of sites) {
    const site = await admin.createSite(name, { region: "eu" });
    const cluster = `${name}-k3s`;
    const { token } = await admin.createRegistrationToken(site.id, cluster, { env: "e2e" });
    tokens.set(cluster, token);
    agents.set(cluster, startAgent({ server: centre.url, registrationToken: token, simulate: cluster }));
  }
  await eventually(() => admin.clusters(), (cs) => cs.length === sites.length && cs.every((c) => c.status === "online"), "simulated fleet online", 20_000);

  return {
    db,
    centre,
    admin,
    agents,
    killAgent: async (cluster) => agents.get(cluster)!.kill(),
    rootOf: (cluster) => join(agents.get(cluster)!.stateDir, "root"),
    restartAgent(cluster) {
      const old = agents.get(cluster)!;
      agents.set(cluster, startAgent({ server: centre.url, registrationToken: tokens.get(cluster)!, simulate: cluster, stateDir: old.stateDir }));
    },
    async stop() {
      await Promise.all([...agents.values()].map((a) => a.stop()));
      await centre.stop();
      await db.drop();
    },
  };
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}/`);
}
