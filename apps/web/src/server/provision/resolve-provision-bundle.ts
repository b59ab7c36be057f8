import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, relative } from "node:path";
import type { Readable } from "node:stream";
import { parseBundleManifest, type K3sArch } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { StepError } from "../jobs/job-kind";

/** One file for the device: where it goes, what it must hash to, and how to read it from an offset. */
export interface ProvisionBlob {
  sha256: string;
  size: number;
  role: string;
  target: string;
  open(start: number): Promise<Readable>;
}

export interface ProvisionBundle {
  id: string;
  name: string;
  version: string;
  arch: K3sArch;
  blobs: ProvisionBlob[];
}

export const AGENT_INSTALL_DIR = "/usr/local/lib/outpost";
/** What a k3s agent node needs; charts, manifests and the Outpost agent are for servers. */
const AGENT_NODE_ROLES = new Set(["k3s-binary", "install-script", "airgap-images"]);
const EXECUTABLE_ROLES = new Set(["k3s-binary", "install-script", "agent"]);

/** Programs are placed 0755, everything else 0644. */
export function blobMode(role: string): "0755" | "0644" {
  return EXECUTABLE_ROLES.has(role) ? "0755" : "0644";
}

/**
 * The bytes that provision a device, from a signed bundle in the centre's store: the given one,
 * or else the newest bundle carrying k3s for the device's architecture. A k3s agent node gets
 * the k3s binary, install script and air-gap images; a server gets the whole bundle and the
 * Outpost agent (the bundle's own, or else the agent this centre was built with).
 */
export async function resolveProvisionBundle(ctx: ServerContext, want: { bundleId: string | null; role: "server" | "agent"; arch?: K3sArch }): Promise<ProvisionBundle> {
  const row = want.bundleId
    ? await ctx.db.bundle.findUnique({ where: { id: want.bundleId } })
    : (await ctx.db.bundle.findMany({ where: want.arch ? { arch: want.arch } : {}, orderBy: { createdAt: "desc" }, take: 20 })).find((b) =>
        parseBundleManifest(b.manifest).blobs.some((blob) => blob.role === "k3s-binary"),
      );
  if (!row) {
    throw new StepError(
      want.bundleId ? `the bundle ${want.bundleId} is no longer at the centre: choose another one` : `the centre has no bundle with k3s${want.arch ? ` for ${want.arch}` : ""}: upload one under Bundles`,
    );
  }
  const manifest = parseBundleManifest(row.manifest);
  const blobs: ProvisionBlob[] = manifest.blobs
    .filter((b) => want.role === "server" || AGENT_NODE_ROLES.has(b.role))
    .map((b) => ({ sha256: b.sha256, size: b.size, role: b.role, target: b.target, open: (start) => ctx.bundles.blobs.read(b.sha256, start) }));
  if (want.role === "server" && !blobs.some((b) => b.role === "agent")) blobs.push(...centreAgentBlobs(ctx.assets.agentDistDir));
  return { id: row.id, name: row.name, version: row.version, arch: manifest.arch, blobs };
}

/** The agent this centre was built with (apps/agent/dist), as blobs under /usr/local/lib/outpost. */
export function centreAgentBlobs(distDir: string): ProvisionBlob[] {
  if (!existsSync(join(distDir, "outpost-agent.mjs"))) throw new StepError(`the centre has no agent build in ${distDir} (npm run build)`);
  const files = (function list(d: string): string[] {
    return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(d, e.name)) : e.name.endsWith(".mjs") ? [join(d, e.name)] : []));
  })(distDir);
  return files.map((file) => ({
    sha256: createHash("sha256").update(readFileSync(file)).digest("hex"),
    size: statSync(file).size,
    role: "agent",
    target: `${AGENT_INSTALL_DIR}/${relative(distDir, file)}`,
    open: async (start: number) => createReadStream(file, { start }),
  }));
}
