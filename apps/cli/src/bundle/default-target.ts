import { basename } from "node:path";
import { K3S_PATHS, type BundleBlobRole } from "@outpost/cluster-core";

/** The usual target of a role on the device: its one file, or the file's own name in its directory. */
export function defaultTarget(role: BundleBlobRole, source: string): string {
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
