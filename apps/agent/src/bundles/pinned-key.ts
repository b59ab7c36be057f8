import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ZBundlePublicKey } from "@outpost/cluster-core";
import { bundleKeyId } from "@outpost/cluster-core/node";
import { isErrnoCode, writeFileDurably } from "../util/durable-fs";

export const PINNED_KEY_FILE = "bundle-signing-key.json";

const ZPinnedKey = z.object({ publicKey: ZBundlePublicKey, keyId: z.string(), pinnedAt: z.string() });
export type PinnedKey = z.infer<typeof ZPinnedKey>;

/**
 * The centre's bundle signing key as the agent learnt it at registration. It is pinned: bundles
 * signed by any other key are refused, whoever sends them. Null when none was ever pinned
 * (an agent registered by a centre without bundle signing).
 */
export async function readPinnedKey(stateDir: string): Promise<PinnedKey | null> {
  const path = join(stateDir, PINNED_KEY_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (isErrnoCode(err, "ENOENT")) return null;
    throw err;
  }
  const parsed = ZPinnedKey.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is damaged; re-register the agent to pin the centre's key again`);
  return parsed.data;
}

/** Pins the key (written durably, before the credential that makes it usable). */
export async function writePinnedKey(stateDir: string, publicKey: string): Promise<PinnedKey> {
  const pinned = { publicKey, keyId: bundleKeyId(publicKey), pinnedAt: new Date().toISOString() };
  await writeFileDurably(join(stateDir, PINNED_KEY_FILE), `${JSON.stringify(pinned, null, 2)}\n`);
  return pinned;
}
