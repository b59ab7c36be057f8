import type { IncomingMessage } from "node:http";

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip"];

/**
 * Forwarding headers say where a request really came from, and only a proxy in front of the
 * centre may say so: from anyone else they are removed before any handler reads them (Next then
 * fills X-Forwarded-Host from Host). `isTrustedProxy` decides by the peer's address.
 */
export function stripUntrustedForwarding(req: IncomingMessage, isTrustedProxy: (address: string) => boolean): void {
  if (isTrustedProxy(req.socket.remoteAddress ?? "")) return;
  for (const name of FORWARDING_HEADERS) delete req.headers[name];
}
