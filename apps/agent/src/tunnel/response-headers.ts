import type { IncomingMessage } from "node:http";

/** An answer's headers as the tunnel carries them (repeated ones as lists). */
export function responseHeaders(res: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = v;
  return headers;
}
