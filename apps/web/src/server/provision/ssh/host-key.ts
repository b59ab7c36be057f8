import { createHash } from "node:crypto";

export interface HostKey {
  /** "SHA256:…" (base64 without padding), as `ssh-keygen -l` and OpenSSH's prompts print it. */
  fingerprint: string;
  /** The key's type from its wire encoding, e.g. "ssh-ed25519". */
  type: string;
}

/** Fingerprint and type of a host key as the SSH server sent it (the raw public key blob). */
export function describeHostKey(blob: Buffer): HostKey {
  const fingerprint = `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
  let type = "unknown";
  if (blob.length >= 4) {
    const len = blob.readUInt32BE(0);
    if (len > 0 && len < 64 && blob.length >= 4 + len) type = blob.subarray(4, 4 + len).toString("ascii");
  }
  return { fingerprint, type };
}
