/**
 * The demo: the centre on its own SQLite file (data/demo.db) plus three simulated sites, each
 * with a real agent process running a SimDriver. `npm run demo`, then open http://localhost:3000.
 * Ctrl-C stops everything; running it again reuses the same fleet.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ApiClient } from "../tests/support/api-client";
import { AGENT_BIN, CENTRE_COMMAND, REPO_DIR } from "../tests/support/paths";
import { startProcess, type ProcessHandle } from "../tests/support/process-handle";

const port = Number(process.env.PORT ?? 3000);
const password = process.env.OUTPOST_ADMIN_PASSWORD ?? "outpost-demo";
const dataDir = join(REPO_DIR, "data");
const sites = [
  { site: "store-berlin", timeZone: "Europe/Berlin", location: "Berlin, Alexanderplatz", labels: { kind: "store", region: "eu" } },
  { site: "factory-lyon", timeZone: "Europe/Paris", location: "Lyon, Gerland plant", labels: { kind: "factory", region: "eu" } },
  { site: "train-ice-42", timeZone: "Europe/Berlin", location: "ICE 42, rolling", labels: { kind: "vehicle", region: "eu" } },
];

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const children: ProcessHandle[] = [];
  const stopAll = async () => {
    await Promise.all(children.map((c) => c.stop()));
    process.exit(0);
  };
  process.on("SIGINT", () => void stopAll());
  process.on("SIGTERM", () => void stopAll());

  const centre = startProcess(CENTRE_COMMAND[0], CENTRE_COMMAND.slice(1), {
    cwd: REPO_DIR,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: `file:${join(dataDir, "demo.db")}`, OUTPOST_ADMIN_PASSWORD: password },
  });
  children.push(centre);
  centre.child.stdout?.pipe(process.stdout);
  centre.child.stderr?.pipe(process.stderr);
  await centre.waitFor(/ready on/, 120_000);
  const url = `http://127.0.0.1:${port}`;
  const admin = await ApiClient.signIn(url, "admin", password).catch(() => {
    throw new Error(`cannot sign in as admin with the demo password; set OUTPOST_ADMIN_PASSWORD to the admin password of ${join(dataDir, "demo.db")}, or delete that file`);
  });

  const existingSites = await admin.ok<{ id: string; name: string }[]>("GET", "/api/v1/sites");
  for (const s of sites) {
    const site = existingSites.find((e) => e.name === s.site) ?? (await admin.ok<{ id: string }>("POST", "/api/v1/sites", { name: s.site, timeZone: s.timeZone, location: s.location, labels: s.labels }));
    const clusterName = `${s.site}-k3s`;
    const stateDir = join(dataDir, "demo-agents", clusterName);
    let token = "already-registered";
    if (!existsSync(join(stateDir, "credential.json"))) {
      token = (await admin.createRegistrationToken(site.id, clusterName, { ...s.labels, env: "demo" })).token;
    }
    mkdirSync(stateDir, { recursive: true });
    const agent = startProcess(process.execPath, [AGENT_BIN, "--server", url, "--insecure-plain-http", "--simulate", clusterName, "--state-dir", stateDir], { env: { ...process.env, OUTPOST_REGISTRATION_TOKEN: token } });
    agent.child.stdout?.on("data", (d: Buffer) => process.stdout.write(`[${clusterName}] ${d}`));
    agent.child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[${clusterName}] ${d}`));
    children.push(agent);
  }
  console.log(`\nOutpost demo: open http://localhost:${port} and sign in as admin / ${password}`);
  console.log("Three simulated sites report through real agent processes. Ctrl-C stops the demo.\n");
}

main().catch((err: unknown) => {
  console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
