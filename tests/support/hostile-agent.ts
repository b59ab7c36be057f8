import { io, type Socket } from "socket.io-client";
import type { ApiClient } from "./api-client";

export interface HostileAgent {
  clusterId: string;
  clusterName: string;
  /** A raw socket.io connection on /agent, authenticated as the cluster's agent, that sends whatever a test likes. */
  socket: Socket;
  close(): void;
}

/**
 * A compromised device: a cluster registered the normal way, whose "agent" is a socket.io client
 * driven by the test instead of the real agent. It may send anything the wire allows.
 */
export async function connectHostileAgent(centreUrl: string, admin: ApiClient, name: string): Promise<HostileAgent> {
  const site = await admin.createSite(`${name}-site`);
  const { token } = await admin.createRegistrationToken(site.id, name);
  const reg = await fetch(`${centreUrl}/api/v1/agent/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ registrationToken: token, agentVersion: "hostile", simulated: true }),
  });
  if (reg.status !== 201) throw new Error(`registering ${name} failed: ${reg.status} ${await reg.text()}`);
  const { clusterId, clusterName, credential } = (await reg.json()) as { clusterId: string; clusterName: string; credential: string };
  const socket = io(`${centreUrl}/agent`, { forceNew: true, auth: { clusterId, credential, agentVersion: "hostile" }, transports: ["websocket"], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  // Beats keep the centre from closing a silent connection; everything else is the test's.
  const beat = setInterval(() => socket.emit("agent:heartbeat", { sentAt: Date.now() }, () => {}), 2_000);
  return {
    clusterId,
    clusterName,
    socket,
    close: () => {
      clearInterval(beat);
      socket.close();
    },
  };
}
