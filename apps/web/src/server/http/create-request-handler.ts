import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { ServerContext } from "../context";
import { handleK8sProxy } from "../tunnel/k8s-proxy";
import { K8S_PREFIX } from "../tunnel/parse-k8s-proxy-url";
import type { ConnectionGuard } from "./connection-guard";
import { guardResponse } from "./guard-response";
import { proveIfSignedIn } from "./prove-if-signed-in";
import { screenRequest } from "./screen-request";
import { sendRefusal } from "./send-refusal";
import { stripUntrustedForwarding } from "./strip-untrusted-forwarding";
import { applyUiSecurityHeaders } from "./ui-security-headers";

export interface RequestHandlerOptions {
  /** The shared context; requests arrive only once it is set. */
  ctx: () => ServerContext;
  /** Next's own handler, for everything but the kube proxy. */
  next: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
  /** Whether a peer address is a proxy whose X-Forwarded-* headers the centre believes. */
  isTrustedProxy: (address: string) => boolean;
  guard: ConnectionGuard;
  /** Development: the pages' CSP allows the hot reloader's eval. */
  dev: boolean;
}

/**
 * Every plain HTTP request: forwarding headers from untrusted peers dropped, then screened
 * (method, framing, percent-encoding), then the kube proxy or Next. The kube API proxy streams
 * raw bodies both ways (watches stay open), so it is served here on plain Node streams rather
 * than through a Next.js route handler. Everything Next serves gets the UI's strict CSP.
 */
export function createRequestHandler(opts: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    // The guard already answered this connection (over a limit); whatever arrives is dropped.
    if (opts.guard.refused(req.socket as Socket)) return;
    proveIfSignedIn(opts.ctx(), opts.guard, req);
    stripUntrustedForwarding(req, opts.isTrustedProxy);
    const refusal = screenRequest(req);
    if (refusal) return sendRefusal(req, res, refusal);
    if (req.url?.startsWith(K8S_PREFIX)) {
      handleK8sProxy(opts.ctx(), req, res).catch((err: unknown) => sendRefusal(req, res, err));
      return;
    }
    applyUiSecurityHeaders(req, res, opts.dev);
    guardResponse(req, res);
    void opts.next(req, res);
  };
}
