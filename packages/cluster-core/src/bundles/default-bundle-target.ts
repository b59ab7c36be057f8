import type { BundleBlobRole } from "./bundle-manifest";
import { K3S_PATHS } from "./bundle-targets";

/** The usual target of a role on the device: its one file, or the file's own name in its directory. */
export function defaultBundleTarget(role: BundleBlobRole, source: string): string {
  const basename = (path: string) => path.split(/[\\/]/).pop() ?? path;
  switch (role) {
    case "k3s-binary":
      return K3S_PATHS.binary;
    case "install-script":
      return K3S_PATHS.installScript;
    case "airgap-images":
      return K3S_PATHS.images + basename(source);
    case "chart":
      return K3S_PATHS.charts + basename(source);
    case "manifest":
    case "file":
      return K3S_PATHS.manifests + basename(source);
    case "agent":
      return K3S_PATHS.agent + basename(source);
  }
}
