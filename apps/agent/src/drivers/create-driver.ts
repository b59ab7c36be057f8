import type { ClusterDriver } from "@outpost/cluster-core";
import type { ClusterSource } from "../cli/parse-args";
import type { Logger } from "../logging/logger";
import { SimDriver } from "./sim-driver";

/**
 * The driver for the configured cluster source. The Kubernetes client is imported lazily: it is
 * most of the agent's code and memory, and a simulated agent (hundreds per host in load tests)
 * never needs it.
 */
export async function createDriver(source: ClusterSource, log: Logger): Promise<ClusterDriver> {
  if (source.mode === "simulate") {
    return new SimDriver({ name: source.name, changeIntervalMs: source.changeIntervalMs, log });
  }
  const { KubeDriver } = await import("./kube-driver");
  return KubeDriver.fromKubeconfig(source.kubeconfig, log);
}
