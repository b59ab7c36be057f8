import type { IncomingMessage } from "node:http";

/** Why an unauthenticated kube proxy call is refused, in words that say what to send instead. */
export function proxyCallerRefusal(req: Pick<IncomingMessage, "headers">): string {
  if (!req.headers.authorization && req.headers.cookie) {
    return "Outpost: the Kubernetes API takes API tokens only, never the browser's session (download a kubeconfig from the cluster's page)";
  }
  return "Outpost: send an Outpost API token (download a kubeconfig from the cluster's page)";
}
