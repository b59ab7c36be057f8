import { spawn } from "node:child_process";
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * One long-running process of a test cluster, managed like testcluster.sh manages its own:
 * its own session and process group, output in DIR/logs/NAME.log, pid in DIR/run/NAME.pid.
 * `marker` is a string its command line must contain, so a reused pid is never taken for it.
 */
export interface Component {
  name: string;
  marker: string;
}

export function spawnComponent(dir: string, component: Component, command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const out = openSync(join(dir, "logs", `${component.name}.log`), "a");
  const child = spawn(command, args, { detached: true, stdio: ["ignore", out, out], cwd: opts.cwd, env: opts.env ?? process.env });
  child.unref();
  if (child.pid === undefined) throw new Error(`cannot start ${component.name}`);
  writeFileSync(join(dir, "run", `${component.name}.pid`), `${child.pid}\n`);
  return child.pid;
}

/** The pid of the component when it runs (and really is it), else null. */
export function componentPid(dir: string, component: Component): number | null {
  const file = join(dir, "run", `${component.name}.pid`);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").trim());
  return pid > 0 && isRunning(pid, component.marker) ? pid : null;
}

/** TERM to the process group, up to 10 s to end, then KILL. */
export async function stopComponent(dir: string, component: Component): Promise<void> {
  const pid = componentPid(dir, component);
  if (pid !== null) {
    signalGroup(pid, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (isRunning(pid, component.marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isRunning(pid, component.marker)) {
      console.error(`[testcluster] ${component.name} (pid ${pid}) did not stop within 10 s; killing it`);
      signalGroup(pid, "SIGKILL");
    }
  }
  rmSync(join(dir, "run", `${component.name}.pid`), { force: true });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** Alive, not a zombie, and its command line names the component. */
function isRunning(pid: number, marker: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    if (stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z") return false;
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker);
  } catch {
    return false;
  }
}
