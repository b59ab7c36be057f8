import { parseArgs } from "node:util";
import { readFile } from "node:fs/promises";
import { DEFAULT_BUNDLE_CHUNK_BYTES, ZBundleBlobRole, formatBytes, type BundleDetail, type BundleView, type ClusterSummary } from "@outpost/cluster-core";
import { centreClient, type CentreClient } from "./api/centre-client";
import { createBundleDir, type BundleFileInput } from "./bundle/create-bundle-dir";
import { pullBundleDir } from "./bundle/pull-bundle-dir";
import { pushBundleDir } from "./bundle/push-bundle-dir";
import { CliError } from "./cli-error";
import { USAGE } from "./usage";

const OPTIONS = {
  server: { type: "string" },
  "token-file": { type: "string" },
  name: { type: "string" },
  version: { type: "string" },
  "k3s-version": { type: "string" },
  arch: { type: "string" },
  out: { type: "string" },
  k3s: { type: "string" },
  "install-script": { type: "string" },
  images: { type: "string", multiple: true },
  chart: { type: "string", multiple: true },
  manifest: { type: "string", multiple: true },
  agent: { type: "string" },
  file: { type: "string", multiple: true },
  "chunk-bytes": { type: "string" },
  cluster: { type: "string" },
  selector: { type: "string" },
  yes: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

/** The whole CLI run; resolves to the exit code. Output goes to `out`, problems to `err`. */
export async function runCli(argv: readonly string[], env: Record<string, string | undefined>, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new CliError((e as Error).message, 2);
    }
    const { values: flags, positionals } = parsed;
    if (flags.help || positionals.length === 0) {
      out(USAGE);
      return flags.help ? 0 : 2;
    }
    const [area, command, ...rest] = positionals;
    if (area !== "bundle" || !command) throw new CliError(`unknown command '${positionals.join(" ")}'`, 2);
    await runBundleCommand(command, rest, flags, env, out);
    return 0;
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    err(`outpost: ${e.message}${e.exitCode === 2 ? " (see outpost --help)" : ""}`);
    return e.exitCode;
  }
}

async function runBundleCommand(command: string, args: string[], flags: Flags, env: Record<string, string | undefined>, out: (line: string) => void): Promise<void> {
  const need = (value: string | undefined, what: string) => {
    if (!value) throw new CliError(`${what} is required`, 2);
    return value;
  };
  switch (command) {
    case "create": {
      const dir = need(flags.out ?? args[0], "--out DIR");
      const manifest = await createBundleDir({
        out: dir,
        name: need(flags.name, "--name"),
        version: need(flags.version, "--version"),
        k3sVersion: flags["k3s-version"] ?? "",
        arch: flags.arch ?? "amd64",
        chunkBytes: flags["chunk-bytes"] ? Number(flags["chunk-bytes"]) : DEFAULT_BUNDLE_CHUNK_BYTES,
        files: bundleFiles(flags),
      });
      const bytes = manifest.blobs.reduce((sum, b) => sum + b.size, 0);
      out(`wrote ${dir}: ${manifest.name} ${manifest.version}, ${manifest.blobs.length} file(s), ${formatBytes(bytes)}`);
      for (const b of manifest.blobs) out(`  ${b.sha256.slice(0, 12)}  ${formatBytes(b.size).padStart(10)}  ${b.role.padEnd(14)} ${b.target}`);
      return;
    }
    case "push": {
      const dir = need(args[0], "DIR");
      const detail = await pushBundleDir(await client(flags, env), dir, out);
      out(`bundle ${detail.name} ${detail.version} is at the centre as ${detail.id}, signed by key ${detail.keyId}; wrote ${dir}/manifest.sig`);
      return;
    }
    case "pull": {
      const [id, dir] = [need(args[0], "bundle ID"), need(args[1], "DIR")];
      const detail = await pullBundleDir(await client(flags, env), id, dir, out);
      out(`wrote ${dir}: ${detail.name} ${detail.version} (${formatBytes(detail.totalBytes)}), signed by key ${detail.keyId}`);
      return;
    }
    case "list": {
      const list = await (await client(flags, env)).json<BundleView[]>("GET", "/api/v1/bundles");
      if (list.length === 0) return out("no bundles yet: create one with `outpost bundle create` and upload it with `outpost bundle push`");
      for (const b of list) out(`${b.id}  ${`${b.name} ${b.version}`.padEnd(30)} ${formatBytes(b.totalBytes).padStart(10)}  ${b.installedClusters}/${b.targetedClusters} cluster(s)`);
      return;
    }
    case "show": {
      const d = await (await client(flags, env)).json<BundleDetail>("GET", `/api/v1/bundles/${encodeURIComponent(need(args[0], "bundle ID"))}`);
      out(`${d.name} ${d.version} (${d.id}) k3s ${d.k3sVersion || "-"} ${d.arch}, ${formatBytes(d.totalBytes)}, key ${d.keyId}`);
      for (const b of d.blobs) out(`  ${b.sha256.slice(0, 12)}  ${formatBytes(b.size).padStart(10)}  ${b.role.padEnd(14)} ${b.target}`);
      for (const a of d.assignments) out(`  assigned: ${a.clusterName ?? a.selector} (${a.origin})`);
      for (const c of d.clusters) out(`  ${c.clusterName.padEnd(24)} ${c.state.padEnd(10)} ${formatBytes(c.bytesDone)} / ${formatBytes(c.bytesTotal)} ${c.message}`);
      return;
    }
    case "assign": {
      const api = await client(flags, env);
      const id = need(args[0], "bundle ID");
      if (Boolean(flags.cluster) === Boolean(flags.selector)) throw new CliError("give either --cluster or --selector", 2);
      let body: { clusterId: string } | { selector: string };
      if (flags.cluster) {
        const clusters = await api.json<ClusterSummary[]>("GET", "/api/v1/clusters");
        const match = clusters.find((c) => c.name === flags.cluster || c.id === flags.cluster);
        if (!match) throw new CliError(`no cluster named ${flags.cluster}`);
        body = { clusterId: match.id };
      } else body = { selector: flags.selector! };
      const d = await api.json<BundleDetail>("POST", `/api/v1/bundles/${encodeURIComponent(id)}/assignments`, body);
      out(`assigned ${d.name} ${d.version}; ${d.clusters.length} cluster(s) should hold it`);
      return;
    }
    case "delete": {
      const id = need(args[0], "bundle ID");
      if (!flags.yes) throw new CliError("deleting a bundle removes it from every device's store; add --yes to confirm", 2);
      await (await client(flags, env)).json("DELETE", `/api/v1/bundles/${encodeURIComponent(id)}`);
      out(`deleted bundle ${id}`);
      return;
    }
    default:
      throw new CliError(`unknown command 'bundle ${command}'`, 2);
  }
}

function bundleFiles(flags: Flags): BundleFileInput[] {
  const files: BundleFileInput[] = [];
  if (flags.k3s) files.push({ role: "k3s-binary", source: flags.k3s });
  if (flags["install-script"]) files.push({ role: "install-script", source: flags["install-script"] });
  for (const f of flags.images ?? []) files.push({ role: "airgap-images", source: f });
  for (const f of flags.chart ?? []) files.push({ role: "chart", source: f });
  for (const f of flags.manifest ?? []) files.push({ role: "manifest", source: f });
  if (flags.agent) files.push({ role: "agent", source: flags.agent });
  for (const spec of flags.file ?? []) {
    const at = spec.lastIndexOf(":/");
    if (at <= 0) throw new CliError(`--file takes SRC:TARGET with an absolute TARGET, got '${spec}'`, 2);
    files.push({ role: ZBundleBlobRole.enum.file, source: spec.slice(0, at), target: spec.slice(at + 1) });
  }
  if (files.length === 0) throw new CliError("a bundle needs at least one file (--k3s, --images, --chart, --manifest, ...)", 2);
  return files;
}

async function client(flags: Flags, env: Record<string, string | undefined>): Promise<CentreClient> {
  const server = flags.server ?? env.OUTPOST_SERVER;
  if (!server) throw new CliError("--server URL (or OUTPOST_SERVER) is required", 2);
  if (!/^https?:\/\//.test(server)) throw new CliError(`--server must be an http(s) URL, got '${server}'`, 2);
  let token = env.OUTPOST_TOKEN?.trim();
  if (flags["token-file"]) {
    token = (await readFile(flags["token-file"], "utf8").catch(() => Promise.reject(new CliError(`cannot read --token-file ${flags["token-file"]}`, 2)))).trim();
  }
  if (!token) throw new CliError("an API token is required: --token-file FILE or OUTPOST_TOKEN", 2);
  return centreClient(server, token);
}
