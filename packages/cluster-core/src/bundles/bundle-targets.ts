import type { BundleBlobRole } from "./bundle-manifest";

/** Where k3s looks for each kind of air-gap artifact (absolute paths on the device). */
export const K3S_PATHS = {
  binary: "/usr/local/bin/k3s",
  installScript: "/usr/local/bin/k3s-install.sh",
  images: "/var/lib/rancher/k3s/agent/images/",
  charts: "/var/lib/rancher/k3s/server/static/charts/",
  manifests: "/var/lib/rancher/k3s/server/manifests/",
  agent: "/usr/local/lib/outpost/",
} as const;

/**
 * What each role may write: an exact file, or a file directly inside one of the directories.
 * A role never writes outside its own places, so a "chart" can never replace the k3s binary.
 */
export const ROLE_TARGETS: Record<BundleBlobRole, { files?: readonly string[]; dirs?: readonly string[] }> = {
  "k3s-binary": { files: [K3S_PATHS.binary] },
  "install-script": { files: [K3S_PATHS.installScript] },
  "airgap-images": { dirs: [K3S_PATHS.images] },
  chart: { dirs: [K3S_PATHS.charts] },
  manifest: { dirs: [K3S_PATHS.manifests] },
  agent: { dirs: [K3S_PATHS.agent] },
  file: { dirs: [K3S_PATHS.images, K3S_PATHS.charts, K3S_PATHS.manifests] },
};

/** Roles whose files are programs (placed 0755); everything else is data (0644). */
export const EXECUTABLE_ROLES: ReadonlySet<BundleBlobRole> = new Set(["k3s-binary", "install-script", "agent"]);
