/**
 * Simulated edge devices for the network-fault tests (vitest project "faults").
 *
 * The tests run inside a private "hub" network namespace that scripts/fault-tests.sh creates;
 * each device is a further namespace linked to the hub. Every address in play belongs to a
 * namespace the run created, and nothing is added to the root namespace.
 *
 * Why the link is not a plain veth pair with `tc netem`: this machine's kernel is built without
 * netem (CONFIG_NET_SCH_NETEM is not set: `tc qdisc ... netem` answers "Specified qdisc kind is
 * unknown"), and no other qdisc can delay packets. So a device's link is an Ethernet segment
 * carried over VXLAN through a small userspace relay, which can drop, delay and reorder frames:
 *
 *   hub ns: vh<i> 10.77.<i>.1/30 (VXLAN, VNI 1000+i)        device ns: eth0 10.77.<i>.2/30
 *       \                                                      (VXLAN, VNI 2000+i; its UDP side
 *        \                                                      stays in the hub ns)
 *         UDP 4789 --- wh<i> 10.76.<i>.1/30 === veth === wire0 10.76.<i>.2/30 (wire ns)
 *                                                           relay: swaps the VNI, forwards
 *                                                           (after loss/delay/reorder)
 *
 * Both VXLAN ends have MTU 1500. The device namespace holds only `lo` and `eth0`, so the device
 * reaches the hub (and the hub the device) only through the relay. Cutting the link sets `eth0`
 * and `vh<i>` down (both ends lose the route, as with a pulled cable).
 *
 * Namespaces are added and deleted through `nsenter --mount=<the script's mount namespace>`:
 * `ip netns exec` gave this process a private mount namespace whose mounts do not propagate
 * back, so a namespace added from here directly would be invisible to the script (which could
 * then not clean it up). Mounts do propagate the other way, so `ip netns exec <device>` and
 * `ip -n <device>` work from here as usual.
 */
import { execFile, spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, readdirSync, readlinkSync, statSync } from "node:fs";
import { createInterface } from "node:readline";

const HUB_ENV = "OUTPOST_FAULT_HUB";
const MOUNT_NS_ENV = "OUTPOST_FAULT_MOUNT_NS";
const NETNS_DIR = "/run/netns";
const VXLAN_PORT = 4789;

export interface Degradation {
  /** Share of frames dropped, per direction, 0-100. */
  lossPercent?: number;
  /** Delay added to each frame, per direction: a round trip gets twice this. */
  delayMs?: number;
  /** Each frame's delay varies uniformly by up to ± this (which also reorders frames). */
  jitterMs?: number;
  /**
   * Share of frames sent out of order, 0-100. As with netem, with a delay these frames skip it
   * (overtaking earlier ones); without a delay they are held back 10 ms (overtaken by later ones).
   */
  reorderPercent?: number;
}

export interface LinkStats {
  toDevice: { forwarded: number; dropped: number };
  toHub: { forwarded: number; dropped: number };
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit code, or null when the process was ended by a signal (e.g. on timeout). */
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunOptions {
  /** SIGKILL the process after this long (the result then has code null). Default: no limit. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to the process's stdin, which is then closed. */
  input?: string;
}

export interface Device {
  readonly index: number;
  /** The device's network namespace. */
  readonly name: string;
  /** The hub's address on this device's link (the test process can listen on it). */
  readonly hubAddress: string;
  /** The device's address. */
  readonly deviceAddress: string;
  /** The device's interface inside its namespace ("eth0"). */
  readonly interfaceName: string;
  /**
   * Starts a program inside the device: `ip netns exec <ns> command ...args`, which execs the
   * program, so the returned child is the program itself (kill() reaches it). Environment and
   * cwd are this process's unless options say otherwise.
   */
  exec(command: string, args?: string[], options?: SpawnOptions): ChildProcess;
  /** Runs a program inside the device to its end. Never rejects on a non-zero exit. */
  run(command: string, args?: string[], options?: RunOptions): Promise<RunResult>;
  /** Cuts the link at both ends (device `eth0` and hub `vh<i>` down; both lose the route). */
  linkDown(): Promise<void>;
  /** Restores the link and waits until the device reaches the hub address again. */
  linkUp(options?: { timeoutMs?: number }): Promise<void>;
  /** Replaces the link's impairment (both directions). Fields left out mean none. */
  degrade(degradation: Degradation): Promise<void>;
  /** Removes every impairment. */
  clearDegrade(): Promise<void>;
  /** Frames the relay forwarded and dropped, per direction, since the device was created. */
  linkStats(): Promise<LinkStats>;
  /** Kills every process in the device, removes its links and namespaces. Idempotent. */
  destroy(): Promise<void>;
}

let cachedHub: string | undefined;

/**
 * The hub namespace this process runs in. Throws unless the process was started by
 * scripts/fault-tests.sh (and really runs inside that namespace).
 */
export function requireHubNamespace(): string {
  if (cachedHub) return cachedHub;
  const hint = "run the fault tests with scripts/fault-tests.sh (as root): `bash scripts/fault-tests.sh`";
  const hub = process.env[HUB_ENV];
  const mountNs = process.env[MOUNT_NS_ENV];
  if (!hub || !mountNs) throw new Error(`${HUB_ENV}/${MOUNT_NS_ENV} are not set: ${hint}`);
  if (!/^[A-Za-z0-9_.-]+$/.test(hub)) throw new Error(`${HUB_ENV}="${hub}" is not a namespace name: ${hint}`);
  if (!existsSync(mountNs)) throw new Error(`${MOUNT_NS_ENV}=${mountNs} does not exist (has the script ended?): ${hint}`);
  let own: string;
  let hubInode: number;
  try {
    own = readlinkSync("/proc/self/ns/net");
    hubInode = statSync(`${NETNS_DIR}/${hub}`).ino;
  } catch (err) {
    throw new Error(`cannot find the hub namespace "${hub}" (${(err as Error).message}): ${hint}`);
  }
  // Guard against configuring the root namespace: this process must be inside the hub.
  if (own !== `net:[${hubInode}]`) {
    throw new Error(`this process (${own}) is not inside the hub namespace "${hub}" (net:[${hubInode}]): ${hint}`);
  }
  cachedHub = hub;
  return hub;
}

interface Relay {
  child: ChildProcess;
  request(message: Record<string, unknown>): Promise<Record<string, unknown>>;
}

interface DeviceState {
  device: Device;
  relay: Relay;
}

const devices = new Map<number, DeviceState>();
const relayChildren = new Set<ChildProcess>();

// If the test process ends without destroy(), at least stop the relays (they also exit when
// their stdin closes); namespaces and programs in them are removed by the script's cleanup.
process.once("exit", () => {
  for (const child of relayChildren) child.kill("SIGKILL");
});

/** Creates device `index` (0-255): namespace `${hub}-dev${index}`, address 10.77.<index>.2. */
export async function createDevice(index: number): Promise<Device> {
  if (!Number.isInteger(index) || index < 0 || index > 255) throw new Error(`device index must be 0-255, got ${index}`);
  const hub = requireHubNamespace();
  const names = namesFor(hub, index);
  // A device left behind (e.g. by a test file that crashed) is replaced.
  await destroyIndex(hub, index);

  const { ns, wire, hubVxlan, hubVeth } = names;
  const hubAddress = `10.77.${index}.1`;
  const deviceAddress = `10.77.${index}.2`;
  const hubUnderlay = `10.76.${index}.1`;
  const wireUnderlay = `10.76.${index}.2`;
  const hubVni = 1000 + index;
  const deviceVni = 2000 + index;
  const tmpDeviceVxlan = `dv${index}`;

  try {
    await ipRootMount(["netns", "add", ns]);
    await ipRootMount(["netns", "add", wire]);
    await ip(["-n", ns, "link", "set", "lo", "up"]);
    await ip(["-n", wire, "link", "set", "lo", "up"]);

    // Underlay: hub <-> wire namespace, where the relay runs.
    await ip(["-n", hub, "link", "add", hubVeth, "mtu", "1600", "type", "veth", "peer", "name", "wire0", "mtu", "1600", "netns", wire]);
    await ip(["-n", hub, "link", "set", hubVeth, "addrgenmode", "none"]);
    await ip(["-n", wire, "link", "set", "wire0", "addrgenmode", "none"]);
    await ip(["-n", hub, "addr", "add", `${hubUnderlay}/30`, "dev", hubVeth]);
    await ip(["-n", wire, "addr", "add", `${wireUnderlay}/30`, "dev", "wire0"]);
    await ip(["-n", hub, "link", "set", hubVeth, "up"]);
    await ip(["-n", wire, "link", "set", "wire0", "up"]);

    // The link itself: two VXLAN ends whose UDP sockets live in the hub namespace, both
    // pointed at the relay. The device end is moved into the device namespace.
    const vxlan = (name: string, vni: number) =>
      ["-n", hub, "link", "add", name, "mtu", "1500", "type", "vxlan", "id", String(vni), "local", hubUnderlay,
        "remote", wireUnderlay, "dstport", String(VXLAN_PORT), "nolearning"];
    await ip(vxlan(hubVxlan, hubVni));
    await ip(vxlan(tmpDeviceVxlan, deviceVni));
    await ip(["-n", hub, "link", "set", tmpDeviceVxlan, "netns", ns]);
    await ip(["-n", ns, "link", "set", tmpDeviceVxlan, "name", "eth0"]);
    // IPv4 only: no IPv6 link-local addresses, so no background IPv6 chatter on the link.
    await ip(["-n", hub, "link", "set", hubVxlan, "addrgenmode", "none"]);
    await ip(["-n", ns, "link", "set", "eth0", "addrgenmode", "none"]);
    // One frame per packet (no GSO trains through the relay).
    await ip(["-n", hub, "link", "set", hubVxlan, "gso_max_segs", "1"]);
    await ip(["-n", ns, "link", "set", "eth0", "gso_max_segs", "1"]);
    await ip(["-n", hub, "addr", "add", `${hubAddress}/30`, "dev", hubVxlan]);
    await ip(["-n", ns, "addr", "add", `${deviceAddress}/30`, "dev", "eth0"]);
    await ip(["-n", hub, "link", "set", hubVxlan, "up"]);
    await ip(["-n", ns, "link", "set", "eth0", "up"]);
  } catch (err) {
    await destroyIndex(hub, index).catch(() => undefined);
    throw err;
  }

  let relay: Relay;
  try {
    relay = await startRelay(wire, { bind: wireUnderlay, peer: hubUnderlay, port: VXLAN_PORT, hubVni, deviceVni });
  } catch (err) {
    await destroyIndex(hub, index).catch(() => undefined);
    throw err;
  }

  let destroyed = false;
  const device: Device = {
    index,
    name: ns,
    hubAddress,
    deviceAddress,
    interfaceName: "eth0",
    exec(command, args = [], options = {}) {
      return spawn("ip", ["netns", "exec", ns, command, ...args], options);
    },
    run(command, args = [], options = {}) {
      return runIn(ns, command, args, options);
    },
    async linkDown() {
      await ip(["-n", ns, "link", "set", "eth0", "down"]);
      await ip(["-n", hub, "link", "set", hubVxlan, "down"]);
    },
    async linkUp(options = {}) {
      await ip(["-n", hub, "link", "set", hubVxlan, "up"]);
      await ip(["-n", ns, "link", "set", "eth0", "up"]);
      await waitUntilReachable(ns, hubAddress, options.timeoutMs ?? 30_000);
    },
    async degrade(degradation) {
      await relay.request({ op: "set", ...normalise(degradation) });
    },
    async clearDegrade() {
      await relay.request({ op: "set", ...normalise({}) });
    },
    async linkStats() {
      const reply = await relay.request({ op: "stats" });
      return reply.stats as LinkStats;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await destroyIndex(hub, index);
    },
  };
  devices.set(index, { device, relay });

  try {
    await waitUntilReachable(ns, hubAddress, 30_000);
  } catch (err) {
    await device.destroy().catch(() => undefined);
    throw err;
  }
  return device;
}

/**
 * Destroys every device of this hub: those this process created and any other `${hub}-dev*`
 * / `${hub}-wire*` namespaces (e.g. left by an earlier test file). For afterAll.
 */
export async function destroyAllDevices(): Promise<void> {
  const hub = requireHubNamespace();
  const indexes = new Set<number>(devices.keys());
  const pattern = new RegExp(`^${escapeRegExp(hub)}-(?:dev|wire)(\\d+)$`);
  for (const name of listNamespaces()) {
    const m = pattern.exec(name);
    if (m) indexes.add(Number(m[1]));
  }
  const errors: unknown[] = [];
  for (const index of indexes) {
    await destroyIndex(hub, index).catch((err) => errors.push(err));
  }
  if (errors.length) throw new AggregateError(errors, "some devices could not be destroyed");
}

// ---------------------------------------------------------------------------------------------

function namesFor(hub: string, index: number) {
  return {
    ns: `${hub}-dev${index}`,
    wire: `${hub}-wire${index}`,
    hubVxlan: `vh${index}`, // interface names: at most 15 characters
    hubVeth: `wh${index}`,
  };
}

async function destroyIndex(hub: string, index: number): Promise<void> {
  const { ns, wire, hubVxlan, hubVeth } = namesFor(hub, index);
  const state = devices.get(index);
  devices.delete(index);
  if (state) {
    relayChildren.delete(state.relay.child);
    state.relay.child.kill("SIGKILL");
  }
  const present = new Set(listNamespaces());
  for (const name of [ns, wire]) if (present.has(name)) await killProcessesIn(name);
  // Delete the links explicitly: namespace teardown is asynchronous, and a same-numbered device
  // created right after must not find the names (or the VNIs on the hub's VXLAN port) taken.
  await ip(["-n", hub, "link", "del", hubVxlan]).catch(() => undefined);
  await ip(["-n", hub, "link", "del", hubVeth]).catch(() => undefined);
  if (present.has(ns)) await ip(["-n", ns, "link", "del", "eth0"]).catch(() => undefined);
  for (const name of [ns, wire]) if (present.has(name)) await ipRootMount(["netns", "del", name]);
}

/** Kills every process in network namespace `ns` and waits until they are gone. */
export async function killProcessesIn(ns: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const pids = (await ip(["netns", "pids", ns]).catch(() => ""))
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    if (pids.length === 0) return;
    if (Date.now() > deadline) throw new Error(`processes ${pids.join(", ")} in ${ns} did not die`);
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await sleep(50);
  }
}

function listNamespaces(): string[] {
  try {
    return readdirSync(NETNS_DIR);
  } catch {
    return [];
  }
}

export function ip(args: string[]): Promise<string> {
  return command("ip", args);
}

/** `ip` in the script's mount namespace: for adding and deleting namespaces (see the top). */
export function ipRootMount(args: string[]): Promise<string> {
  const mountNs = process.env[MOUNT_NS_ENV];
  if (!mountNs) throw new Error(`${MOUNT_NS_ENV} is not set: run the fault tests with scripts/fault-tests.sh`);
  return command("nsenter", [`--mount=${mountNs}`, "--", "ip", ...args]);
}

function command(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(" ")} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

function runIn(ns: string, file: string, args: string[], options: RunOptions): Promise<RunResult> {
  return runCommand("ip", ["netns", "exec", ns, file, ...args], options);
}

/** Runs a program to its end, keeping its output. Never rejects on a non-zero exit. */
export function runCommand(file: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ["pipe", "pipe", "pipe"],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.once("error", (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child.once("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ stdout, stderr, code, signal });
    });
  });
}

/** From inside the device: a TCP connection to the hub address is either accepted or refused. */
const REACH_PROBE = `
const net = require("node:net");
const [host, deadline] = [process.argv[1], Date.now() + Number(process.argv[2])];
const attempt = () => {
  const s = net.connect({ host, port: 9 });
  s.setTimeout(1000);
  const retry = () => { s.destroy(); if (Date.now() > deadline) process.exit(1); setTimeout(attempt, 100); };
  s.once("connect", () => { s.destroy(); process.exit(0); });
  s.once("timeout", retry);
  s.once("error", (e) => (e.code === "ECONNREFUSED" ? process.exit(0) : retry()));
};
attempt();
`;

async function waitUntilReachable(ns: string, hubAddress: string, timeoutMs: number): Promise<void> {
  const result = await runIn(ns, process.execPath, ["-e", REACH_PROBE, hubAddress, String(timeoutMs)], {
    env: { PATH: process.env.PATH },
    timeoutMs: timeoutMs + 5_000,
  });
  if (result.code !== 0) {
    throw new Error(`device ${ns} cannot reach the hub at ${hubAddress} after ${timeoutMs} ms: ${result.stderr.trim()}`);
  }
}

function normalise(d: Degradation): Required<Degradation> {
  const out = { lossPercent: d.lossPercent ?? 0, delayMs: d.delayMs ?? 0, jitterMs: d.jitterMs ?? 0, reorderPercent: d.reorderPercent ?? 0 };
  for (const [key, value] of Object.entries(out)) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`degrade: ${key} must be a number >= 0, got ${value}`);
  }
  if (out.lossPercent > 100 || out.reorderPercent > 100) throw new Error("degrade: percentages must be 0-100");
  return out;
}

/**
 * The relay, run with `node -e` inside the wire namespace. Frames arrive as VXLAN datagrams
 * from the hub namespace; the VNI tells the direction and is swapped for the other end's.
 * It also fills in inner TCP/UDP checksums: the sending end leaves them to "hardware"
 * (checksum offload), which a userspace relay never gets to see done.
 */
const RELAY_SOURCE = `
"use strict";
process.title = process.argv.slice(1).join(" "); // "outpost-link-relay <wire ns>"
const dgram = require("node:dgram");
const readline = require("node:readline");
const cfg = JSON.parse(process.env.OUTPOST_LINK_RELAY);
let imp = { lossPercent: 0, delayMs: 0, jitterMs: 0, reorderPercent: 0 };
const stats = { toDevice: { forwarded: 0, dropped: 0 }, toHub: { forwarded: 0, dropped: 0 } };
const sock = dgram.createSocket({ type: "udp4", recvBufferSize: 4 << 20, sendBufferSize: 4 << 20 });

function fixChecksum(b, o) {
  if (b.length < o + 14 + 20 || b.readUInt16BE(o + 12) !== 0x0800) return;
  const ip = o + 14;
  const ihl = (b[ip] & 0x0f) * 4;
  const frag = b.readUInt16BE(ip + 6);
  if ((frag & 0x3fff) !== 0) return; // a fragment: leave it alone
  const proto = b[ip + 9];
  const at = proto === 6 ? 16 : proto === 17 ? 6 : -1;
  if (at < 0) return;
  const l4 = ip + ihl;
  const end = Math.min(ip + b.readUInt16BE(ip + 2), b.length);
  const len = end - l4;
  if (len < at + 2) return;
  if (proto === 17 && b.readUInt16BE(l4 + 6) === 0) return; // UDP without checksum
  b.writeUInt16BE(0, l4 + at);
  let sum = b.readUInt16BE(ip + 12) + b.readUInt16BE(ip + 14) + b.readUInt16BE(ip + 16) + b.readUInt16BE(ip + 18) + proto + len;
  let i = l4;
  for (; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (i < end) sum += b[i] << 8;
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  let c = ~sum & 0xffff;
  if (proto === 17 && c === 0) c = 0xffff;
  b.writeUInt16BE(c, l4 + at);
}

const send = (msg) => sock.send(msg, cfg.port, cfg.peer);

sock.on("message", (msg) => {
  if (msg.length < 8 + 14) return;
  const vni = msg.readUIntBE(4, 3);
  let dir;
  if (vni === cfg.hubVni) { dir = stats.toDevice; msg.writeUIntBE(cfg.deviceVni, 4, 3); }
  else if (vni === cfg.deviceVni) { dir = stats.toHub; msg.writeUIntBE(cfg.hubVni, 4, 3); }
  else return;
  if (imp.lossPercent > 0 && Math.random() * 100 < imp.lossPercent) { dir.dropped++; return; }
  dir.forwarded++;
  fixChecksum(msg, 8);
  let wait = imp.delayMs;
  if (imp.jitterMs > 0) wait += (Math.random() * 2 - 1) * imp.jitterMs;
  if (imp.reorderPercent > 0 && Math.random() * 100 < imp.reorderPercent) wait = imp.delayMs > 0 ? 0 : 10;
  if (wait < 1) send(msg);
  else setTimeout(send, Math.round(wait), msg);
});
sock.on("error", (err) => { console.error(err); process.exit(1); });

const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => {
  let reply;
  try {
    const m = JSON.parse(line);
    if (m.op === "set") {
      imp = { lossPercent: m.lossPercent, delayMs: m.delayMs, jitterMs: m.jitterMs, reorderPercent: m.reorderPercent };
      reply = { id: m.id, ok: true };
    } else if (m.op === "stats") reply = { id: m.id, ok: true, stats };
    else reply = { id: m.id, ok: false, error: "unknown op " + m.op };
  } catch (err) {
    reply = { ok: false, error: String(err) };
  }
  process.stdout.write(JSON.stringify(reply) + "\\n");
});
rl.on("close", () => process.exit(0)); // the test process went away
sock.bind(cfg.port, cfg.bind, () => process.stdout.write(JSON.stringify({ ready: true }) + "\\n"));
`;

interface RelayConfig {
  bind: string;
  peer: string;
  port: number;
  hubVni: number;
  deviceVni: number;
}

function startRelay(wire: string, config: RelayConfig): Promise<Relay> {
  // The source travels in the environment, which keeps `ps` readable ("outpost-link-relay <ns>").
  const child = spawn("ip", ["netns", "exec", wire, process.execPath, "-e", "eval(process.env.OUTPOST_LINK_RELAY_SOURCE)", "outpost-link-relay", wire], {
    stdio: ["pipe", "pipe", "pipe"],
    // A clean environment: nothing of the test runner's NODE_OPTIONS in the relay.
    env: { PATH: process.env.PATH, OUTPOST_LINK_RELAY: JSON.stringify(config), OUTPOST_LINK_RELAY_SOURCE: RELAY_SOURCE },
  });
  relayChildren.add(child);
  child.once("exit", () => relayChildren.delete(child));
  // Never keep the test process alive for the relay's sake.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
  child.stdin.on("error", () => undefined);

  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  let onReady: (() => void) | undefined;
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  createInterface({ input: child.stdout }).on("line", (line) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (message.ready) return onReady?.();
    const p = pending.get(message.id as number);
    if (!p) return;
    pending.delete(message.id as number);
    if (message.ok) p.resolve(message);
    else p.reject(new Error(`link relay: ${String(message.error)}`));
  });

  const relay: Relay = {
    child,
    request(message) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.stdin.write(JSON.stringify({ ...message, id }) + "\n");
      });
    },
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`link relay in ${wire} did not start:\n${stderr}`));
    }, 15_000);
    onReady = () => {
      clearTimeout(timer);
      resolve(relay);
    };
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const err = new Error(`link relay in ${wire} exited (${code ?? signal}):\n${stderr}`);
      fail(err);
      reject(err);
    });
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
