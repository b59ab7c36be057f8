import { z } from "zod";

/**
 * What the preflight script (key=value lines, run on the device over SSH) reports. Every field
 * is checked: a device answering nonsense fails preflight with a clear message.
 */
export const ZPreflightFacts = z.object({
  hostname: z.string().min(1).max(253),
  arch: z.string().min(1).max(32),
  kernel: z.string().max(128),
  osId: z.string().max(64),
  osName: z.string().max(200),
  uid: z.coerce.number().int().min(0),
  memAvailableKiB: z.coerce.number().int().min(0),
  diskFreeKiB: z.coerce.number().int().min(0),
  port6443: z.enum(["free", "busy"]),
  port10250: z.enum(["free", "busy"]),
  /** root: no sudo needed; ok: sudo -n works; missing: no sudo; refused: sudo wants a password or is not allowed. */
  sudo: z.enum(["root", "ok", "missing", "refused"]),
  sudoMessage: z.string().max(500),
  k3sVersion: z.string().max(200),
  k3sConfig: z.enum(["yes", "no"]),
  init: z.enum(["systemd", "other"]),
  nodeVersion: z.string().max(64),
});
export type PreflightFacts = z.infer<typeof ZPreflightFacts>;

const KEYS: Record<string, keyof PreflightFacts> = {
  hostname: "hostname",
  arch: "arch",
  kernel: "kernel",
  os_id: "osId",
  os_name: "osName",
  uid: "uid",
  mem_available_kib: "memAvailableKiB",
  disk_free_kib: "diskFreeKiB",
  port_6443: "port6443",
  port_10250: "port10250",
  sudo: "sudo",
  sudo_message: "sudoMessage",
  k3s_version: "k3sVersion",
  k3s_config: "k3sConfig",
  init: "init",
  node_version: "nodeVersion",
};

/** Parses the preflight script's output; throws with the first problem on anything unexpected. */
export function parsePreflightFacts(output: string): PreflightFacts {
  const raw: Record<string, string> = {};
  for (const line of output.split("\n")) {
    const m = /^([a-z0-9_]+)=(.*)$/.exec(line.trim());
    const key = m ? KEYS[m[1]!] : undefined;
    if (key) raw[key] = m![2]!;
  }
  const parsed = ZPreflightFacts.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`the device's preflight report is not understood (${issue.path.join(".")}: ${issue.message})`);
  }
  return parsed.data;
}
