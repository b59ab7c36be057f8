import type { BundleBlobRole } from "@outpost/cluster-core";

/** A first guess at a file's role from its name (k3s release artifacts have telling names). */
export function guessBlobRole(fileName: string): BundleBlobRole {
  const name = fileName.toLowerCase();
  if (name === "k3s" || /^k3s(-arm64|-armhf)?$/.test(name)) return "k3s-binary";
  if (name.endsWith(".sh")) return "install-script";
  if (/\.tar(\.(gz|zst|lz4|bz2))?$/.test(name)) return "airgap-images";
  if (name.endsWith(".tgz")) return "chart";
  if (/\.(ya?ml|json)$/.test(name)) return "manifest";
  if (name.endsWith(".mjs")) return "agent";
  return "file";
}
