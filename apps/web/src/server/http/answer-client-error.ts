import type { Duplex } from "node:stream";
import { refuseUpgrade } from "./refuse-upgrade";

/**
 * Node could not parse a request (bad framing, oversized headers, a header timeout): answer with
 * the API's JSON error when nothing was written on the connection yet, then close it.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex & { bytesWritten?: number }): void {
  if (err.code === "ECONNRESET" || !socket.writable || (socket.bytesWritten ?? 0) > 0) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "BAD_REQUEST", "the request's headers are too large"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "BAD_REQUEST", "the request took too long to arrive"]
        : [400, "BAD_REQUEST", "the request is not valid HTTP/1.1"];
  refuseUpgrade(socket, status, { error: { code, message } });
}
