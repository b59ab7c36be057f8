import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors/app-error";
import { apiErrorBody } from "./api-error-body";

/**
 * Guarantees for answers Next gives: a response sent before the request's body was read (a
 * refusal, a 413) closes the connection, so the unread rest is never parsed as a request; and
 * under /api/ the bare 405 Next sends for a method a route lacks, and its HTML 404 page for an
 * address no route serves, become the API's JSON error.
 */
export function guardResponse(req: IncomingMessage, res: ServerResponse): void {
  const api = req.url?.startsWith("/api/") ?? false;
  let replacement: string | null = null;
  const { writeHead, write, end } = res;

  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (!req.complete) this.setHeader("connection", "close");
    const type = String(this.getHeader("content-type") ?? "");
    const bare405 = args[0] === 405 && !type;
    const page404 = args[0] === 404 && type.startsWith("text/html");
    if (api && (bare405 || page404)) {
      const err = bare405 ? new AppError("METHOD_NOT_ALLOWED", `this address does not take ${req.method}`) : new AppError("NOT_FOUND", "no API route at this address");
      replacement = JSON.stringify(apiErrorBody(err));
      this.setHeader("content-type", "application/json");
      this.setHeader("content-length", req.method === "HEAD" ? 0 : Buffer.byteLength(replacement));
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];

  // Whatever Next writes for such an answer (nothing, an empty chunk, the page) gives way to the JSON body.
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
