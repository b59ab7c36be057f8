import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError, HTTP_STATUS } from "../errors/app-error";
import { log } from "../logging/log";
import { K8S_PREFIX } from "../tunnel/parse-k8s-proxy-url";
import { kubeStatusBody } from "../tunnel/kube-status-body";
import { apiErrorBody } from "./api-error-body";
import { SERVED_METHODS } from "./screen-request";

/**
 * Answers a request the centre refuses outside Next's route handlers (screening, the kube
 * proxy): the API's JSON error, or a kube Status under /k8s/clusters/. A refusal closes the
 * connection, since the request's body (if any) was not read. Anything but an AppError is
 * logged and answered as an opaque 500.
 */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const known = err instanceof AppError ? err : new AppError("INTERNAL", "internal error; the centre's log has the details");
  if (!(err instanceof AppError)) log.error({ err, path: req.url }, "unexpected error outside the API routes");
  const status = HTTP_STATUS[known.code];
  const body = JSON.stringify(req.url?.startsWith(K8S_PREFIX) ? kubeStatusBody(status, `Outpost: ${known.message}`) : apiErrorBody(known));
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    connection: "close",
    ...(known.code === "METHOD_NOT_ALLOWED" ? { allow: SERVED_METHODS.join(", ") } : {}),
    ...(known.retryAfterSeconds ? { "retry-after": String(known.retryAfterSeconds) } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
