import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { TunnelExchange } from "./centre-tunnel";
import type { TunnelResponse } from "@outpost/cluster-core";

/** Bytes of a refused upgrade's answer (a Status) that are relayed; the rest is dropped. */
const MAX_BODY = 64 * 1024;

/**
 * The cluster did not switch protocols (RBAC forbade the exec, the pod is gone…): its answer
 * goes to the caller as a plain response (only its content type kept, sandboxed like every
 * relayed answer) and the connection closes, so kubectl prints the cluster's own message.
 */
export async function writeRawResponse(exchange: TunnelExchange, response: TunnelResponse, client: Duplex): Promise<void> {
  const chunks: Buffer[] = response.body ? [Buffer.from(response.body)] : [];
  let size = chunks[0]?.byteLength ?? 0;
  if (!response.end) {
    for await (const chunk of exchange.body as AsyncIterable<Buffer>) {
      if (size >= MAX_BODY) break;
      chunks.push(chunk);
      size += chunk.byteLength;
    }
    exchange.cancel("answer relayed");
  }
  const body = Buffer.concat(chunks).subarray(0, MAX_BODY);
  const type = response.headers["content-type"];
  const lines = [
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? "Error"}`,
    `content-type: ${typeof type === "string" && !/[\r\n]/.test(type) ? type : "application/octet-stream"}`,
    `content-length: ${body.byteLength}`,
    "content-security-policy: sandbox",
    "x-content-type-options: nosniff",
    "connection: close",
  ];
  await new Promise<void>((resolve) => client.end(Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), body]), () => resolve()));
  client.destroy();
}
