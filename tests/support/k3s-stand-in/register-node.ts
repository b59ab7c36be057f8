import { networkInterfaces } from "node:os";
import { kubeRequest, type KubeConnection } from "./kube-request";

export const K3S_VERSION = process.env.OUTPOST_STAND_IN_K3S_VERSION ?? "v1.36.3+k3s1";

export interface NodeRegistration {
  name: string;
  server: boolean;
  /** `key=value` items of --node-label. */
  labels: string[];
  /** `key=value:Effect` items of --node-taint. */
  taints: string[];
  internalIp: string;
}

/**
 * What a k3s kubelet does when it starts: registers its Node (k3s's labels and annotations; kwok,
 * which plays the kubelets of the test control plane, takes over the nodes annotated
 * kwok.x-k8s.io/node=fake and keeps them Ready). A node that exists already is left as it is,
 * except that it is told it runs again (kwok's node-not-ready stage label removed).
 */
export async function registerNode(conn: KubeConnection, reg: NodeRegistration): Promise<"created" | "existed"> {
  const path = `/api/v1/nodes/${reg.name}`;
  const existing = await kubeRequest(conn, "GET", path);
  if (existing.status === 200) {
    await setNodeRunning(conn, reg.name, true);
    return "existed";
  }
  if (existing.status !== 404) throw new Error(`GET ${path}: ${existing.status} ${existing.text.slice(0, 300)}`);
  const created = await kubeRequest(conn, "POST", "/api/v1/nodes", nodeObject(reg));
  if (created.status !== 201) throw new Error(`registering node ${reg.name}: ${created.status} ${created.text.slice(0, 300)}`);
  return "created";
}

/** A stopping kubelet's node goes NotReady: kwok's node-not-ready stage keeps it so while labelled. */
export async function setNodeRunning(conn: KubeConnection, name: string, running: boolean): Promise<void> {
  const patch = { metadata: { labels: { "node-not-ready.stage.kwok.x-k8s.io": running ? null : "true" } } };
  const r = await kubeRequest(conn, "PATCH", `/api/v1/nodes/${name}`, patch, "application/merge-patch+json");
  if (r.status !== 200) throw new Error(`marking node ${name} ${running ? "running" : "stopped"}: ${r.status} ${r.text.slice(0, 300)}`);
}

function nodeObject(reg: NodeRegistration) {
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "beta.kubernetes.io/instance-type": "k3s",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": reg.name,
    "kubernetes.io/os": "linux",
    "node.kubernetes.io/instance-type": "k3s",
    type: "kwok",
  };
  for (const item of reg.labels) {
    const [key, value = ""] = item.split("=", 2) as [string, string?];
    labels[key] = value;
  }
  const taints = reg.taints.map((t) => {
    const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(t);
    if (!m) throw new Error(`invalid taint '${t}': want key=value:NoSchedule|PreferNoSchedule|NoExecute`);
    return { key: m[1]!, ...(m[2] ? { value: m[2] } : {}), effect: m[3]! };
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: reg.name,
      labels,
      annotations: {
        "kwok.x-k8s.io/node": "fake",
        "node.alpha.kubernetes.io/ttl": "0",
        "k3s.io/hostname": reg.name,
        "k3s.io/internal-ip": reg.internalIp,
      },
    },
    spec: { taints },
    status: { nodeInfo: { architecture: "amd64", operatingSystem: "linux", kubeletVersion: K3S_VERSION, kubeProxyVersion: K3S_VERSION, osImage: "k3s stand-in (kwok node)" } },
  };
}

/** The device's first non-loopback IPv4 address (k3s's default node IP). */
export function defaultNodeIp(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return "127.0.0.1";
}

/** Every IPv4 address of the device (serving-certificate SANs). */
export function allIpv4(): string[] {
  return Object.values(networkInterfaces()).flatMap((addrs) => (addrs ?? []).filter((a) => a.family === "IPv4").map((a) => a.address));
}
