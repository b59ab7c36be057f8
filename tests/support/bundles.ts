/**
 * Bundle test helpers: generated files of realistic sizes, the built `outpost` CLI, and what a
 * device's --root holds afterwards.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BundleDetail, BundleView } from "@outpost/cluster-core";
import type { ApiClient } from "./api-client";
import { assertCliBuilt } from "./assert-built";
import { AGENT_BIN, REPO_DIR } from "./paths";

export const CLI_BIN = join(REPO_DIR, "apps/cli/dist/outpost.mjs");

/** Writes `bytes` of random data (incompressible, like image tarballs) without holding them in memory. */
export async function writeRandomFile(path: string, bytes: number): Promise<string> {
  const out = createWriteStream(path);
  for (let left = bytes; left > 0; left -= 1024 * 1024) {
    if (!out.write(randomBytes(Math.min(left, 1024 * 1024)))) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return path;
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const block of createReadStream(path)) h.update(block as Buffer);
  return h.digest("hex");
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm run build` makes apps/cli/dist/outpost.mjs). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  assertCliBuilt();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Like runCli, but throws with its output unless it exits 0. */
export async function runCliOk(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCli(args, env);
  if (r.code !== 0) throw new Error(`outpost ${args.join(" ")} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `outpost-agent import DIR` with the built agent, as a person at the device runs it. */
export function runAgentImport(dir: string, stateDir: string, root: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [AGENT_BIN, "import", dir, "--state-dir", stateDir, "--root", root], (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** An API token of the signed-in user, for the CLI (OUTPOST_TOKEN). */
export async function createApiToken(client: ApiClient, name = "bundles-test"): Promise<string> {
  return (await client.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name })).token;
}

/** The `outpost` CLI's environment for a centre: its address and a fresh API token of `admin`. */
export async function cliEnv(serverUrl: string, admin: ApiClient): Promise<{ OUTPOST_SERVER: string; OUTPOST_TOKEN: string }> {
  return { OUTPOST_SERVER: serverUrl, OUTPOST_TOKEN: await createApiToken(admin) };
}

/**
 * `outpost bundle create --name NAME --version 1 --out DIR CONTENT…` (e.g. `--images FILE`), then
 * `outpost bundle push DIR`, as an operator does; returns the centre's view of the bundle.
 */
export async function createAndPushBundle(admin: ApiClient, cli: Record<string, string>, name: string, dir: string, content: string[]): Promise<BundleView> {
  await runCliOk(["bundle", "create", "--name", name, "--version", "1", "--out", dir, ...content], cli);
  await runCliOk(["bundle", "push", dir], cli);
  const bundle = (await admin.ok<BundleView[]>("GET", "/api/v1/bundles")).find((b) => b.name === name);
  if (!bundle) throw new Error(`bundle ${name} was pushed but the centre does not list it`);
  return bundle;
}

/** A fresh temp directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `outpost-${prefix}-`));
}

/** sha256 of every file under a device root, keyed by its path from the root ("/usr/local/bin/k3s"). */
export async function filesUnder(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!existsSync(root)) return out;
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(root.length)] = await sha256File(join(e.parentPath, e.name));
  }
  return out;
}

/** Where the bundle stands on a cluster, per the centre. */
export async function holding(client: ApiClient, bundleId: string, clusterId: string) {
  const d = await client.ok<BundleDetail>("GET", `/api/v1/bundles/${bundleId}`);
  return d.clusters.find((c) => c.clusterId === clusterId);
}

/**
 * Bytes of a blob an agent holds verified so far (its partial file in the state folder; 0 before
 * the first chunk and once the blob is whole). Read from the device's disk, not from the centre,
 * which writes byte counts only every few seconds.
 */
export function partialBytes(stateDir: string, sha256: string): number {
  const path = join(stateDir, "bundles/partial", sha256);
  return existsSync(path) ? statSync(path).size : 0;
}
