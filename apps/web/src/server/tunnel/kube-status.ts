import type { ServerResponse } from "node:http";

const REASONS: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  413: "RequestEntityTooLarge",
  499: "ClientClosedRequest",
  502: "BadGateway",
  503: "ServiceUnavailable",
};

/** Answers in the API server's own error shape (a v1 Status), so kubectl prints the message as is. */
export function sendKubeStatus(res: ServerResponse, code: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: REASONS[code] ?? "InternalError", code });
  res.writeHead(code, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
