import { createHash, randomBytes } from "node:crypto";

/**
 * k3s's join token: `K10<sha256 of the server CA bundle>::<user>:<password>` (the "secure"
 * format), or a bare password. An agent checks the CA it is served against the hash before it
 * trusts the server, then authenticates with the password.
 */
export interface K3sToken {
  caHash: string | null;
  user: string;
  password: string;
}

export function parseK3sToken(text: string): K3sToken {
  const token = text.trim();
  const secure = /^K10([0-9a-f]{64})::([^:]+):(.+)$/.exec(token);
  if (secure) return { caHash: secure[1]!, user: secure[2]!, password: secure[3]! };
  if (token.startsWith("K10")) throw new Error("invalid token format: a K10 token is K10<sha256>::<user>:<password>");
  if (!token) throw new Error("the token is empty");
  return { caHash: null, user: "server", password: token };
}

export function formatK3sToken(caPem: string | Buffer, password: string): string {
  return `K10${sha256Hex(caPem)}::server:${password}`;
}

export function newK3sPassword(): string {
  return randomBytes(16).toString("hex");
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
