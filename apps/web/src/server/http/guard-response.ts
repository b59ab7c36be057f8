import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors/app-error";
import { apiErrorBody } from "./api-error-body";

/**
 * Two guarantees for answers Next gives: a response sent before the request's body was read
 * (a refusal, a 413) closes the connection, so the unread rest is never parsed as a request;
 * and the bare 405 Next sends for a method a route lacks carries the API's JSON error body.
 */
export function guardResponse(req: IncomingMessage, res: ServerResponse): void {
  const api = req.url?.startsWith("/api/") ?? false;
  let replacement: string | null = null;
  const { writeHead, write, end } = res;

  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (!req.complete) this.setHeader("connection", "close");
    if (api && args[0] === 405 && !this.hasHeader("content-type")) {
      replacement = JSON.stringify(apiErrorBody(new AppError("METHOD_NOT_ALLOWED", `this address does not take ${req.method}`)));
      this.setHeader("content-type", "application/json");
      this.setHeader("content-length", req.method === "HEAD" ? 0 : Buffer.byteLength(replacement));
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];

  // Whatever Next writes for such a 405 (nothing, or an empty chunk) gives way to the JSON body.
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (replacement !== null) return true;
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (replacement === null) return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    const body = req.method === "HEAD" ? "" : replacement;
    replacement = null;
    const callback = args.find((a) => typeof a === "function") as (() => void) | undefined;
    return (end as (chunk: string, cb?: () => void) => ServerResponse).call(this, body, callback);
  } as ServerResponse["end"];
}
