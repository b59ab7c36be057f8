/**
 * Test devices that behave like separate machines: each is a network namespace with its own
 * address (device-network.ts) AND its own mount and UTS namespaces — private /etc, /var/lib,
 * /var/log, /usr/local, /opt, /home, /root (overlays on the host's), private /run and /tmp, its own
 * hostname and host key — running a real OpenSSH server (Debian openssh-server) as its first
 * process. What a provisioner writes to /etc/rancher/k3s or /usr/local/bin stays on the device.
 *
 * Needs root and the hub namespace of scripts/netns-hub.sh (the "devices" vitest project runs
 * under scripts/device-tests.sh). Everything a device runs is killed by destroy(), or by the
 * runner's cleanup at the latest.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { killProcessesIn, runCommand, type RunOptions, type RunResult } from "../netns";
import { REPO_DIR } from "../paths";
import { createDeviceNetwork, DEVICE_HUB_ADDRESS, deviceAddress, deviceNames, removeDeviceNetwork, setDeviceLink } from "./device-network";

const INIT_SCRIPT = join(REPO_DIR, "tests/support/devices/device-init.sh");
const SSH_PORT = 22;

export interface TestDeviceOptions {
  /** 0-199: address 10.79.0.<10+index>. */
  index: number;
  /** Default `edge-<index>`; k3s names its node after it. */
  hostname?: string;
  /** "linux32": the device runs with a 32-bit personality, so `uname -m` says i686 (an old x86 box). */
  personality?: "linux32";
}

export interface DeviceUser {
  /** May run anything through `sudo` without a password. */
  sudo?: boolean;
  password?: string;
  /** OpenSSH public key lines allowed to log in as this user. */
  authorizedKeys?: string[];
}

export interface TestDevice {
  readonly index: number;
  /** The device's network namespace. */
  readonly name: string;
  readonly hostname: string;
  readonly address: string;
  readonly sshPort: number;
  /** The hub's address as the device sees it: where a centre in the hub namespace listens. */
  readonly hubAddress: string;
  /** Runs a program inside the device as root (all of its namespaces). Never rejects on a non-zero exit. */
  run(command: string, args?: string[], options?: RunOptions): Promise<RunResult>;
  /** Like run, but throws unless the program exits 0; resolves with its stdout. */
  runOk(command: string, args?: string[], options?: RunOptions): Promise<string>;
  /**
   * Command lines of the processes running in the device, as `ps` would show them there (the
   * devices share the host's process table, so plain `ps` in a device shows the host's too).
   */
  processArgs(): Promise<string[]>;
  /** A file as the device sees it, or null when it does not exist there. */
  readFile(path: string): Promise<string | null>;
  /** Writes a file inside the device (root-owned, with `mode`, e.g. "0600"). */
  writeFile(path: string, content: string, mode?: string): Promise<void>;
  /** Adds a login user (home under the device's private /home). */
  addUser(name: string, user?: DeviceUser): Promise<void>;
  /** Lets `publicKey` log in as `user`. */
  authorize(user: string, publicKey: string): Promise<void>;
  /** SHA256 fingerprint of the device's host key, as `ssh-keygen -l` prints it ("SHA256:…"). */
  hostKeyFingerprint(): Promise<string>;
  /** Gives the device a new host key (as a reinstalled box has) and makes sshd load it. */
  regenerateHostKey(): Promise<void>;
  /** Cuts the device's link (both ends down). */
  linkDown(): Promise<void>;
  linkUp(): Promise<void>;
  /** Kills everything in the device and removes it. Idempotent. */
  destroy(): Promise<void>;
}

const created = new Map<number, TestDevice>();

/** Boots a test device and waits until its sshd accepts connections. */
export async function createTestDevice(opts: TestDeviceOptions): Promise<TestDevice> {
  const { index } = opts;
  const { ns } = deviceNames(index);
  const hostname = opts.hostname ?? `edge-${index}`;
  const address = deviceAddress(index);
  const stateRoot = process.env.OUTPOST_HUB_STATE_DIR;
  if (!stateRoot) throw new Error("OUTPOST_HUB_STATE_DIR is not set: run device tests with scripts/device-tests.sh");
  await created.get(index)?.destroy();
  await killProcessesIn(ns).catch(() => undefined);
  await removeDeviceNetwork(index);

  const stateDir = join(stateRoot, `device-${index}`);
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  await createDeviceNetwork(index);

  const logFile = join(stateDir, "sshd.log");
  const log = openSync(logFile, "a");
  const personality = opts.personality ? ["setarch", opts.personality] : [];
  // ip netns exec → unshare → (setarch) → bash → sshd: each execs the next, so the child is sshd.
  const child = spawn("ip", ["netns", "exec", ns, "unshare", "--mount", "--uts", "--propagation", "private", ...personality, "bash", INIT_SCRIPT, stateDir, hostname], {
    stdio: ["ignore", log, log],
    detached: true,
  });
  closeSync(log);
  child.unref();
  const pid = child.pid;
  let destroyed = false;

  const inDevice = (command: string, args: string[]) => ["-t", String(pid), "-m", "-u", "-n", "--", command, ...args];
  const run: TestDevice["run"] = (command, args = [], options = {}) =>
    runCommand("nsenter", inDevice(command, args), { env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOME: "/root" }, cwd: "/", ...options });
  const runOk: TestDevice["runOk"] = async (command, args = [], options = {}) => {
    const r = await run(command, args, options);
    if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} in ${hostname} failed (${r.code ?? r.signal}): ${r.stderr.trim()}`);
    return r.stdout;
  };
  // stdin is a socket here (no /dev/stdin to open): cat writes it, then the mode is set.
  const writeFile: TestDevice["writeFile"] = async (path, content, mode = "0644") => {
    await runOk("sh", ["-c", 'mkdir -p "$(dirname "$1")" && umask 077 && cat >"$1" && chmod "$2" "$1"', "sh", path, mode], { input: content });
  };
  const authorize: TestDevice["authorize"] = async (user, publicKey) => {
    const file = `/etc/ssh/authorized/${user}`;
    const existing = (await run("cat", [file])).stdout;
    await writeFile(file, `${existing}${publicKey.trim()}\n`, "0644");
  };
  const listening = () => waitForSshd(address, logFile, () => child.exitCode !== null, 15_000);

  const device: TestDevice = {
    index,
    name: ns,
    hostname,
    address,
    sshPort: SSH_PORT,
    hubAddress: DEVICE_HUB_ADDRESS,
    run,
    runOk,
    async processArgs() {
      const pids = (await runCommand("ip", ["netns", "pids", ns])).stdout.split(/\s+/).filter(Boolean);
      return pids.flatMap((pid) => {
        try {
          return [readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim()];
        } catch {
          return []; // gone meanwhile
        }
      });
    },
    async readFile(path) {
      const r = await run("cat", [path]);
      return r.code === 0 ? r.stdout : null;
    },
    writeFile,
    async addUser(name, user = {}) {
      await runOk("useradd", ["--create-home", "--shell", "/bin/bash", name]);
      // Without a password the account is locked ("!"), and sshd (no PAM) refuses even key logins.
      if (user.password) await runOk("chpasswd", [], { input: `${name}:${user.password}\n` });
      else await runOk("usermod", ["--password", "*", name]);
      if (user.sudo) await writeFile(`/etc/sudoers.d/${name}`, `${name} ALL=(ALL) NOPASSWD:ALL\n`, "0440");
      for (const key of user.authorizedKeys ?? []) await authorize(name, key);
    },
    authorize,
    async hostKeyFingerprint() {
      const out = await runOk("ssh-keygen", ["-l", "-E", "sha256", "-f", "/etc/ssh/ssh_host_ed25519_key.pub"]);
      const m = /(SHA256:\S+)/.exec(out);
      if (!m) throw new Error(`unexpected ssh-keygen output: ${out}`);
      return m[1]!;
    },
    async regenerateHostKey() {
      await runOk("rm", ["-f", "/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_ed25519_key.pub"]);
      await runOk("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", `root@${hostname}`, "-f", "/etc/ssh/ssh_host_ed25519_key"]);
      // sshd re-executes itself on SIGHUP (same pid), loading the new key.
      const before = countListening(logFile);
      process.kill(pid!, "SIGHUP");
      await waitUntil(() => countListening(logFile) > before, 10_000, `sshd of ${hostname} to restart`);
    },
    linkDown: () => setDeviceLink(index, false),
    linkUp: () => setDeviceLink(index, true),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      created.delete(index);
      await killProcessesIn(ns);
      await removeDeviceNetwork(index);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  created.set(index, device);
  try {
    if (pid === undefined) throw new Error("could not start the device's sshd");
    await listening();
  } catch (err) {
    await device.destroy().catch(() => undefined);
    throw err;
  }
  return device;
}

/** Destroys every device this process created (for afterAll). */
export async function destroyAllTestDevices(): Promise<void> {
  await Promise.all([...created.values()].map((d) => d.destroy()));
}

function countListening(logFile: string): number {
  return (readFileSync(logFile, "utf8").match(/Server listening on/g) ?? []).length;
}

async function waitForSshd(address: string, logFile: string, exited: () => boolean, timeoutMs: number): Promise<void> {
  await waitUntil(() => {
    if (exited()) throw new Error(`the device's sshd exited:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    return countListening(logFile) > 0;
  }, timeoutMs, `sshd on ${address}`).catch((err: Error) => {
    throw new Error(`${err.message}\n${readFileSync(logFile, "utf8").slice(-2000)}`);
  });
  await waitUntil(() => tcpOpen(address, SSH_PORT), timeoutMs, `${address}:${SSH_PORT} reachable`);
}

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 1000 });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
    s.once("timeout", () => (s.destroy(), resolve(false)));
  });
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
