/**
 * The TypeScript half of scripts/testcluster.sh: k3s's helm-controller and the kubelet +
 * klipper-helm stand-in that runs its install Jobs (see scripts/testcluster.md, "Charts").
 *
 *   helm-addon.ts build                    build helm and helm-controller into the cache
 *   helm-addon.ts kwok-stages OUT FILE...  kwok's stages, minus the stand-in's pods
 *   helm-addon.ts start DIR APISERVER_URL  start both against DIR's cluster; prints env lines
 *   helm-addon.ts stop DIR                 stop both
 *   helm-addon.ts status DIR               which of them run (exit 1 if any does not)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Component, componentPid, spawnComponent, stopComponent } from "./component-process";
import { composeKwokStages } from "./compose-kwok-stages";
import { buildHelmTools, HELM_CONTROLLER_VERSION, HELM_VERSION, haveHelmTools, helmToolPath } from "./helm-tools";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../..");
const RUNNER_SCRIPT = join(HERE, "helm-job-runner.ts");
const CONTROLLER: Component = { name: "helm-controller", marker: "helm-controller" };
const RUNNER: Component = { name: "helm-job-runner", marker: RUNNER_SCRIPT };
const log = (line: string) => console.error(`[testcluster] ${line}`);

async function waitFor(what: string, timeoutMs: number, ok: () => boolean, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (!alive()) throw new Error(`${what}: the process ended (see its log)`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function logHas(dir: string, name: string, text: string): boolean {
  const file = join(dir, "logs", `${name}.log`);
  return existsSync(file) && readFileSync(file, "utf8").includes(text);
}

async function start(dir: string, server: string): Promise<void> {
  if (!haveHelmTools()) buildHelmTools(log);
  const helm = helmToolPath("helm");
  // k3s runs helm-controller inside the server with admin rights, watching every namespace.
  spawnComponent(dir, CONTROLLER, helmToolPath("helm-controller"), ["--kubeconfig", join(dir, "k3s.yaml")]);
  spawnComponent(dir, RUNNER, process.execPath, ["--import", "tsx", RUNNER_SCRIPT, dir, server, helm], { cwd: REPO });
  const alive = (c: Component) => () => componentPid(dir, c) !== null;
  await waitFor("helm-controller to start its controllers", 60_000, () => logHas(dir, CONTROLLER.name, "All controllers have been started"), alive(CONTROLLER));
  await waitFor("the helm job runner to watch pods", 30_000, () => logHas(dir, RUNNER.name, "watching helm-controller's job pods"), alive(RUNNER));
  const lines = {
    HELM: helm,
    HELM_VERSION,
    HELM_CONTROLLER: helmToolPath("helm-controller"),
    HELM_CONTROLLER_VERSION,
    PID_HELM_CONTROLLER: String(componentPid(dir, CONTROLLER)),
    PID_HELM_JOB_RUNNER: String(componentPid(dir, RUNNER)),
  };
  for (const [k, v] of Object.entries(lines)) console.log(`${k}="${v}"`);
}

async function main(): Promise<number> {
  const [cmd, ...args] = process.argv.slice(2);
  switch (cmd) {
    case "build":
      buildHelmTools(log);
      console.log(dirname(helmToolPath("helm")));
      return 0;
    case "kwok-stages":
      writeFileSync(args[0]!, composeKwokStages(args.slice(1)));
      return 0;
    case "start":
      await start(resolve(args[0]!), args[1]!);
      return 0;
    case "stop":
      // The runner first: it acts on pods helm-controller's Jobs create.
      await stopComponent(resolve(args[0]!), RUNNER);
      await stopComponent(resolve(args[0]!), CONTROLLER);
      return 0;
    case "status": {
      let rc = 0;
      for (const c of [CONTROLLER, RUNNER]) {
        const pid = componentPid(resolve(args[0]!), c);
        console.log(pid === null ? `${c.name} stopped` : `${c.name} running pid ${pid}`);
        if (pid === null) rc = 1;
      }
      return rc;
    }
    default:
      console.error(readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1, 9).join("\n"));
      return 2;
  }
}

main().then(
  (rc) => process.exit(rc),
  (err: unknown) => {
    log(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
