import { createHash, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Config } from "../../config";

export interface CurlTrust {
  /** curl options for every request a device makes to the centre. */
  options: string[];
  /** In words, for the dialog that shows the command. */
  describe: string;
}

/**
 * How a device's curl knows it talks to this centre. Serving HTTPS itself, the centre pins its own
 * public key (curl --pinnedpubkey sha256//…), which curl checks even when the certificate's CA is
 * private (-k only skips the CA chain, never the pin). Behind a TLS proxy the system's CAs decide;
 * over plain HTTP nothing can be checked, and the dialog says so.
 */
export function centreCurlTrust(config: Config, centreUrl: string): CurlTrust {
  if (config.tlsCertFile) {
    const cert = new X509Certificate(readFileSync(config.tlsCertFile));
    const spki = cert.publicKey.export({ type: "spki", format: "der" });
    const pin = createHash("sha256").update(spki).digest("base64");
    return { options: ["-k", "--pinnedpubkey", `sha256//${pin}`], describe: `the centre's public key is pinned (sha256//${pin})` };
  }
  if (centreUrl.startsWith("https:")) return { options: [], describe: "the centre's certificate is checked against the device's trusted CAs" };
  return { options: [], describe: "the centre is served over plain HTTP: the command cannot check who answers; serve the centre over HTTPS" };
}
