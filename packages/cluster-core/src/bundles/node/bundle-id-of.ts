import { createHash } from "node:crypto";

/**
 * A bundle's id: derived from its manifest's exact bytes, so a device that imports a bundle
 * from a USB stick knows the id the centre gave it without asking.
 */
export function bundleIdOf(manifestText: string): string {
  return `b${createHash("sha256").update(manifestText, "utf8").digest("hex").slice(0, 32)}`;
}
