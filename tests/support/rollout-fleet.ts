import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAgent, type AgentProcess } from "./agent";
import { ApiClient } from "./api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "./centre";
import { eventually } from "./eventually";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { startTestCluster, type TestCluster } from "./test-cluster";

export interface FleetMember {
  name: string;
  site: string;
  /** A real test control plane (with helm-controller and the job runner) or a simulated cluster. */
  real: boolean;
  labels?: Record<string, string>;
}

export interface FleetCluster extends FleetMember {
  id: string;
  agent: AgentProcess;
  testCluster: TestCluster | null;
  /** Starts the agent again with its state (after agent.stop()), as a device coming back online (its spent token is ignored). */
  restartAgent(): Promise<void>;
}

export interface RolloutFleet {
  centre: Centre;
  admin: ApiClient;
  db: TestDatabase;
  sites: Map<string, string>;
  clusters: Map<string, FleetCluster>;
  /** Moves the centre's rollout clock to `instant` (ms since the epoch); the wall clock keeps running from there. */
  setClock(instant: number): void;
  stop(): Promise<void>;
}

/**
 * A centre with its rollout scheduler ticking fast and a clock tests can move, sites (with time
 * zones), and clusters: real test control planes with real agents (KubeDriver) and simulated
 * agents, all online. Used by the rollout integration test, the browser test and bench:rollout.
 */
export async function startRolloutFleet(opts: { sites: Array<{ name: string; timeZone: string }>; members: FleetMember[] }): Promise<RolloutFleet> {
  const scratch = mkdtempSync(join(tmpdir(), "outpost-rollout-fleet-"));
  const clockFile = join(scratch, "clock-offset");
  writeFileSync(clockFile, "0");
  const db = await createTestDatabase();
  const real = opts.members.filter((m) => m.real);
  const testClusters: TestCluster[] = [];
  const clusters = new Map<string, FleetCluster>();
  let centre: Centre | undefined;
  // Also run when the set-up fails half-way: nothing it started outlives the test.
  const stop = async () => {
    await Promise.all([...clusters.values()].map((c) => c.agent.stop()));
    await centre?.stop();
    await Promise.all([...testClusters.map((t) => t.stop()), db.drop()]);
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    // The control planes first: on a busy machine the centre's start would otherwise compete with them.
    const starts = await Promise.allSettled(real.map(() => startTestCluster({ nodes: 1 })));
    for (const r of starts) if (r.status === "fulfilled") testClusters.push(r.value);
    const refused = starts.find((r) => r.status === "rejected");
    if (refused) throw refused.reason;
    const c = await startCentre({ databaseUrl: db.url, env: { OUTPOST_ROLLOUT_TICK_MS: "500", OUTPOST_ROLLOUT_CLOCK_OFFSET_FILE: clockFile } });
    centre = c;
    const admin = await ApiClient.signIn(c.url, "admin", ADMIN_PASSWORD);
    const sites = new Map<string, string>();
    for (const s of opts.sites) sites.set(s.name, (await admin.ok<{ id: string }>("POST", "/api/v1/sites", { name: s.name, timeZone: s.timeZone })).id);
    for (const m of opts.members) {
      const { token } = await admin.createRegistrationToken(sites.get(m.site)!, m.name, m.labels ?? {});
      const testCluster = m.real ? testClusters[real.indexOf(m)]! : null;
      const env = { OUTPOST_RECONCILE_INTERVAL_MS: "2000", OUTPOST_SIM_CHANGE_INTERVAL_MS: "4000" };
      const agent = startAgent({ server: c.url, registrationToken: token, ...(testCluster ? { kubeconfig: testCluster.kubeconfig } : { simulate: m.name }), env });
      const member: FleetCluster = {
        ...m,
        id: "",
        agent,
        testCluster,
        async restartAgent() {
          member.agent = startAgent({ server: c.url, registrationToken: token, stateDir: member.agent.stateDir, ...(testCluster ? { kubeconfig: testCluster.kubeconfig } : { simulate: m.name }), env });
        },
      };
      clusters.set(m.name, member);
      // One registration at a time: on a loaded machine a burst of them can outlast the agent's
      // request timeout, and a retried registration finds its token spent.
      await eventually(
        async () => {
          if (agent.child.exitCode !== null) throw new Error(`agent ${m.name} exited: ${agent.output().slice(-2000)}`);
          return existsSync(join(agent.stateDir, "credential.json"));
        },
        (registered) => registered,
        `agent ${m.name} registered`,
        60_000,
      );
    }
    const online = await eventually(() => admin.clusters(), (cs) => cs.length === opts.members.length && cs.every((x) => x.status === "online" || x.status === "degraded"), "every cluster connected", 240_000);
    for (const x of online) clusters.get(x.name)!.id = x.id;
    return { centre: c, admin, db, sites, clusters, setClock: (instant) => writeFileSync(clockFile, String(instant - Date.now())), stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
