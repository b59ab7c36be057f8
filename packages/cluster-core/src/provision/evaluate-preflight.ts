import type { PreflightFacts } from "./preflight-facts";

export type K3sArch = "amd64" | "arm64" | "arm";

/** k3s's architecture for a `uname -m`, or null where k3s does not run. */
export function k3sArchOf(machine: string): K3sArch | null {
  if (machine === "x86_64" || machine === "amd64") return "amd64";
  if (machine === "aarch64" || machine === "arm64" || machine === "armv8l") return "arm64";
  if (/^armv7/.test(machine) || machine === "armhf") return "arm";
  return null;
}

export interface PreflightRequirements {
  role: "server" | "agent";
  /** The bundle's architecture. */
  bundleArch: K3sArch;
  /** Bytes still to upload (blobs the device lacks). */
  uploadBytes: number;
  /** This device was provisioned before (k3s found is ours, its ports busy is expected). */
  reprovision: boolean;
}

export interface PreflightVerdict {
  arch: K3sArch | null;
  /** Each one stops provisioning. */
  problems: string[];
  /** Worth a line in the log. */
  notes: string[];
}

const MiB = 1024;
const MIN_MEMORY_MIB = { server: 512, agent: 256 };
const DISK_HEADROOM_MIB = 512;

/** Whether a device can take k3s (and, for a server, the Outpost agent), and why not. */
export function evaluatePreflight(facts: PreflightFacts, req: PreflightRequirements): PreflightVerdict {
  const problems: string[] = [];
  const notes: string[] = [];
  const arch = k3sArchOf(facts.arch);
  if (!arch) problems.push(`unsupported architecture ${facts.arch}: k3s runs on amd64 (x86_64), arm64 (aarch64) and arm (armv7)`);
  else if (arch !== req.bundleArch) problems.push(`the bundle is built for ${req.bundleArch}, but the device is ${arch} (${facts.arch}): choose a bundle for ${arch}`);

  if (facts.sudo === "missing") problems.push("the user is not root and sudo is not installed: log in as root or install sudo");
  if (facts.sudo === "refused") problems.push(`the user may not run sudo without a password (${facts.sudoMessage || "sudo -n refused"}): allow it (NOPASSWD) or log in as root`);

  const memMiB = Math.floor(facts.memAvailableKiB / MiB);
  if (memMiB < MIN_MEMORY_MIB[req.role]) problems.push(`only ${memMiB} MiB of memory available; a k3s ${req.role} needs at least ${MIN_MEMORY_MIB[req.role]} MiB`);
  const needMiB = Math.ceil(req.uploadBytes / (1024 * 1024)) + DISK_HEADROOM_MIB;
  const freeMiB = Math.floor(facts.diskFreeKiB / MiB);
  if (freeMiB < needMiB) problems.push(`only ${freeMiB} MiB free under /var/lib; the bundle and k3s need ${needMiB} MiB`);

  const installed = facts.k3sVersion !== "";
  if (installed) notes.push(`k3s is already installed (${facts.k3sVersion})${req.reprovision ? "; it is brought to the wanted state" : ""}`);
  const busy = [facts.port6443 === "busy" && req.role === "server" ? "6443" : null, facts.port10250 === "busy" ? "10250" : null].filter(Boolean);
  if (busy.length && !installed && !req.reprovision) problems.push(`port ${busy.join(" and ")} is in use by another program (k3s needs it)`);
  if (installed && !req.reprovision && facts.k3sConfig === "yes") notes.push("an existing /etc/rancher/k3s/config.yaml will be replaced");

  if (req.role === "server") {
    const major = Number(/^v?(\d+)/.exec(facts.nodeVersion)?.[1] ?? 0);
    if (major < 20) problems.push(`the Outpost agent needs Node.js 20 or newer on the device (${facts.nodeVersion ? `found ${facts.nodeVersion}` : "none found"})`);
  }
  if (facts.init !== "systemd") notes.push("no systemd on the device: services run as supervised background processes");
  return { arch, problems, notes };
}
