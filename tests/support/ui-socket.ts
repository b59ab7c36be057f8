import { io, type Socket } from "socket.io-client";

/**
 * A browser's live-update socket (/ui) signed in with `cookie`, connected, with `listen` called
 * before it connects so that no early event is missed. Close it when done.
 */
export async function openUiSocket(baseUrl: string, cookie: string, listen: (socket: Socket) => void = () => {}): Promise<Socket> {
  const socket = io(`${baseUrl}/ui`, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  listen(socket);
  await new Promise<void>((resolve, reject) => (socket.on("connect", resolve), socket.on("connect_error", reject)));
  return socket;
}
