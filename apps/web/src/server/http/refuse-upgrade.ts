import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

/** How long a refused connection may take to take its answer before it is cut. */
const FLUSH_TIMEOUT_MS = 5_000;

/**
 * Answers an upgrade request (whose socket Node hands over raw) with a plain HTTP error and a
 * JSON body, then closes the connection as soon as the answer is written: an upgrade that is
 * not served must never hold a descriptor.
 */
export function refuseUpgrade(socket: Duplex, status: number, body: unknown, headers: Record<string, string> = {}): void {
  socket.on("error", () => socket.destroy());
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}`,
    "content-type: application/json",
    `content-length: ${Buffer.byteLength(text)}`,
    "connection: close",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${text}`, () => socket.destroy());
  setTimeout(() => socket.destroy(), FLUSH_TIMEOUT_MS).unref();
}
