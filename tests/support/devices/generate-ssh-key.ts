import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "../netns";

export interface SshKeyPair {
  /** OpenSSH private key (what an operator pastes). */
  privateKey: string;
  /** One authorized_keys line. */
  publicKey: string;
}

/** A new ed25519 key pair from ssh-keygen, optionally protected by a passphrase. */
export async function generateSshKey(comment = "outpost-test", passphrase = ""): Promise<SshKeyPair> {
  const dir = mkdtempSync(join(tmpdir(), "outpost-sshkey-"));
  try {
    const file = join(dir, "id_ed25519");
    const r = await runCommand("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", comment, "-f", file]);
    if (r.code !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
    return { privateKey: readFileSync(file, "utf8"), publicKey: readFileSync(`${file}.pub`, "utf8").trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
