import type { Duplex } from "node:stream";
import { TUNNEL_SWITCHING_HEADERS, ZRawHeaderValue, type TunnelResponse } from "@outpost/cluster-core";
import type { TunnelExchange } from "./centre-tunnel";

const SWITCHING = new Set<string>(TUNNEL_SWITCHING_HEADERS);

async function* prepend(first: Buffer, rest: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  if (first.byteLength > 0) yield first;
  yield* rest;
}

/**
 * The cluster switched protocols: the 101 goes to the caller with only the headers the
 * handshake needs, then bytes flow both ways untouched (WebSocket, SPDY, whatever runs inside)
 * with backpressure on each side, until either end closes. Resolves when the connection is over.
 */
export async function relayUpgradedConnection(exchange: TunnelExchange, response: TunnelResponse, client: Duplex, head: Buffer): Promise<void> {
  const lines = ["HTTP/1.1 101 Switching Protocols"];
  for (const [name, value] of Object.entries(response.headers)) {
    if (!SWITCHING.has(name.toLowerCase())) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (ZRawHeaderValue.safeParse(v).success) lines.push(`${name}: ${v}`);
  }
  client.write(`${lines.join("\r\n")}\r\n\r\n`);

  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      client.destroy();
      resolve();
    };
    // Device → caller: pipe() pauses the tunnel body while the caller's socket is full, and the
    // tunnel stops acknowledging, which stops the agent.
    exchange.body.pipe(client);
    exchange.body.once("end", () => {
      client.end();
      // The device is done; a caller that never closes its side is cut a little later.
      setTimeout(finish, 5_000).unref();
    });
    // A device side that ends with an error (the API server reset its socket right after its
    // close frame) still delivers what it sent: the caller's socket is ended, not destroyed, so
    // bytes already written are flushed (else kubectl sees "close 1006 (abnormal closure)").
    exchange.body.once("error", () => {
      client.end();
      setTimeout(finish, 1_000).unref();
    });
    // Caller → device: acknowledged chunks, at most a window in flight.
    exchange.sendBody(prepend(head, client)).catch((err: unknown) => {
      exchange.cancel(err instanceof Error ? err.message : "the caller's side failed");
      finish();
    });
    client.once("close", () => {
      exchange.cancel("the caller closed the connection");
      finish();
    });
  });
}
