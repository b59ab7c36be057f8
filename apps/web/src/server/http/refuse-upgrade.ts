import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

/** How long a refused connection may take to take its answer before it is cut. */
const FLUSH_TIMEOUT_MS = 5_000;

/**
 * Answers on a raw socket (an upgrade request, whose socket Node hands over raw; a connection
 * refused before its request was read) with a plain HTTP error and a JSON body, then closes the
 * connection as soon as the answer is written: what is not served must never hold a descriptor.
 * With `lingerMs`, the socket stays open that long after its FIN (reading and dropping), so that
 * a request still arriving does not turn the close into a reset that loses the answer.
 */
export function refuseUpgrade(socket: Duplex, status: number, body: unknown, headers: Record<string, string> = {}, lingerMs = 0): void {
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
  const answer = `${head.join("\r\n")}\r\n\r\n${text}`;
  if (lingerMs > 0) socket.end(answer);
  else socket.end(answer, () => socket.destroy());
  setTimeout(() => socket.destroy(), lingerMs || FLUSH_TIMEOUT_MS).unref();
}
