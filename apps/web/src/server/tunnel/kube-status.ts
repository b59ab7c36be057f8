import type { ServerResponse } from "node:http";
import { kubeStatusBody } from "./kube-status-body";

/** Answers in the API server's own error shape (a v1 Status), so kubectl prints the message as is. */
export function sendKubeStatus(res: ServerResponse, code: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(kubeStatusBody(code, message));
  res.writeHead(code, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
