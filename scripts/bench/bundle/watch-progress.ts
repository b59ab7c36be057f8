import { io, type Socket } from "socket.io-client";
import { UI_NAMESPACE, type BundleProgressEvent, type ServerToUiEvents, type UiToServerEvents } from "@outpost/cluster-core";

export interface ProgressWatch {
  /** The newest live progress report of a bundle on a cluster (what the UI shows), if any. */
  latest(bundleId: string, clusterId: string): BundleProgressEvent | undefined;
  close(): void;
}

/**
 * Listens to the centre's live updates as a browser does (the /ui namespace, with an API token):
 * agents report progress every 0.5 s, while the database keeps it only every few seconds.
 */
export async function watchProgress(baseUrl: string, token: string): Promise<ProgressWatch> {
  const socket: Socket<ServerToUiEvents, UiToServerEvents> = io(`${baseUrl}${UI_NAMESPACE}`, { auth: { token }, transports: ["websocket"] });
  const latest = new Map<string, BundleProgressEvent>();
  socket.on("bundle:progress", (p) => latest.set(`${p.bundleId}/${p.clusterId}`, p));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
  return { latest: (bundleId, clusterId) => latest.get(`${bundleId}/${clusterId}`), close: () => void socket.close() };
}
