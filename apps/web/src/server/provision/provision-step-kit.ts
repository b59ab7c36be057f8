import { createHash } from "node:crypto";
import { z } from "zod";
import { ZId, ZK3sOptions, type K3sOptions, type PreflightFacts } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { StepError, type StepContext } from "../jobs/job-kind";
import { openDatastoreEndpoint, openDeviceAuth } from "./devices/device-secrets";
import { openDeviceSession, type DeviceSession } from "./ssh/open-device-session";
import { shellCommand, shellQuote } from "./ssh/shell-quote";

export const ZProvisionParams = z.object({
  deviceId: ZId,
  role: z.enum(["server", "agent"]),
  /** The centre's address as devices reach it (OUTPOST_PUBLIC_URL, or what the operator used). */
  centreUrl: z.url(),
});
export type ProvisionParams = z.infer<typeof ZProvisionParams>;
export type ProvisionStep = StepContext<ProvisionParams>;

/** Where a device's uploads wait (in the login user's home) before they are placed as root. */
export const STAGING_DIR = ".cache/outpost-provision";

export async function loadDevice(ctx: ServerContext, deviceId: string) {
  const device = await ctx.db.device.findUnique({ where: { id: deviceId } });
  if (!device) throw new StepError("the device was deleted");
  return device;
}

export type DeviceRecord = Awaited<ReturnType<typeof loadDevice>>;

/** The device's k3s options with its sealed datastore endpoint opened (only to write config.yaml). */
export function deviceK3sOptions(ctx: ServerContext, device: DeviceRecord): K3sOptions {
  const options = ZK3sOptions.parse(JSON.parse(device.k3sOptions));
  const datastoreEndpoint = openDatastoreEndpoint(ctx.secrets, device);
  return datastoreEndpoint ? { ...options, datastoreEndpoint } : options;
}

/** What preflight recorded about the device. */
export function deviceFacts(device: DeviceRecord): Partial<PreflightFacts> {
  try {
    return JSON.parse(device.facts) as Partial<PreflightFacts>;
  } catch {
    return {};
  }
}

/**
 * Runs `work` over a fresh SSH session to the device. The first contact pins the host key it
 * presents (and says so in the log); afterwards only that key is accepted.
 */
export async function withDeviceSession<T>(ctx: ServerContext, step: ProvisionStep, work: (session: DeviceSession, device: DeviceRecord) => Promise<T>): Promise<T> {
  const device = await loadDevice(ctx, step.params.deviceId);
  const pinned = device.hostKeyFingerprint ? { fingerprint: device.hostKeyFingerprint, type: device.hostKeyType ?? "unknown" } : null;
  const session = await openDeviceSession({ host: device.host, port: device.port, username: device.username, auth: openDeviceAuth(ctx.secrets, device) }, pinned, step.signal);
  try {
    if (!pinned) {
      await ctx.db.device.update({ where: { id: device.id }, data: { hostKeyFingerprint: session.hostKey.fingerprint, hostKeyType: session.hostKey.type, hostKeyPinnedAt: new Date() } });
      step.log(`first contact: pinned host key ${session.hostKey.fingerprint} (${session.hostKey.type})`);
    }
    return await work(session, device);
  } finally {
    session.close();
  }
}

/** The login user's staging directory, created 0700, as an absolute path. */
export async function stagingDir(session: DeviceSession): Promise<string> {
  const out = await session.runOk("creating the staging directory", `mkdir -p ${STAGING_DIR} && chmod 700 ${STAGING_DIR} && cd ${STAGING_DIR} && pwd`);
  return out.trim();
}

/**
 * Writes `content` to `path` on the device as root, atomically (a temp file beside it, then a
 * rename), with `mode`. The bytes go through stdin, never the command line: a file may hold a
 * token. Returns false when the file already had exactly this content.
 */
export async function placeFile(session: DeviceSession, path: string, content: string, mode: "0600" | "0644" | "0755"): Promise<boolean> {
  const want = createHash("sha256").update(content).digest("hex");
  const have = await session.run(`sha256sum ${shellQuote(path)} 2>/dev/null`, { privileged: true });
  if (have.code === 0 && have.stdout.startsWith(want)) return false;
  const staging = await stagingDir(session);
  const staged = `${staging}/file-${want.slice(0, 16)}`;
  await session.runOk(`staging ${path}`, `umask 077 && cat > ${shellQuote(staged)}`, { stdin: content });
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  await session.runOk(
    `placing ${path}`,
    [shellCommand(["mkdir", "-p", dir]), shellCommand(["install", "-m", mode, staged, `${path}.outpost-tmp`]), shellCommand(["mv", "-f", `${path}.outpost-tmp`, path])].join(" && "),
    { privileged: true },
  );
  await session.run(shellCommand(["rm", "-f", staged]));
  return true;
}

/** Polls `check` every second until it returns a value, the deadline passes, or the job is cancelled. */
export async function waitFor<T, P>(step: StepContext<P>, what: string, timeoutMs: number, check: () => Promise<T | null>): Promise<T | null> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    const waited = Date.now() - started;
    if (waited > timeoutMs) return null;
    step.progress(Math.min(0.99, waited / timeoutMs), `${what} (${Math.round(waited / 1000)} s)`);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 1000);
      step.signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
    });
    if (step.signal.aborted) throw new StepError("cancelled");
  }
}
