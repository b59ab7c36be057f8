import { rawExchange } from "../raw-http";
import { outcomeOf, type FuzzCase } from "./fuzz-edge";
import type { FuzzRandom } from "./fuzz-random";

const H = "Host: localhost";

/**
 * Requests Node's HTTP parser must refuse or the centre must answer as an ordinary unauthenticated
 * API call: broken request lines, header syntax, conflicting or impossible lengths, chunking,
 * oversized heads, bytes that are not text. Every one aims at /api/v1/me, so whatever gets
 * through is a plain 401.
 */
export function rawHttpCases(port: number, r: FuzzRandom, count: number): FuzzCase[] {
  const makers: (() => string | Buffer)[] = [
    () => `${r.pick(["GET /api/v1/me HTTP/9.9", "GET /api/v1/me HTTP/1", "GET  /api/v1/me HTTP/1.1", "GET /api/v1/me", "GET\t/api/v1/me HTTP/1.1", "/api/v1/me HTTP/1.1", "GET /api/v1/me HTTP/1.1 extra"])}\r\n${H}\r\n\r\n`,
    () => `GET /api/v1/me HTTP/1.1\r\n${H}\r\n${r.pick(["NoColon", "Bad Name: x", " Leading: space", "X-A : y", "X\u0000: y", "X-B: a\u0000b", "(): y", ": empty-name"])}\r\n\r\n`,
    () => `POST /api/v1/auth/login HTTP/1.1\r\n${H}\r\nContent-Type: application/json\r\n${r.pick(["Content-Length: abc", "Content-Length: -1", "Content-Length: 1e3", "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 99999999999999999999", "Content-Length: 0x10", "Content-Length: 5, 6"])}\r\n\r\n{"a":1}`,
    () => `POST /api/v1/auth/login HTTP/1.1\r\n${H}\r\nContent-Type: application/json\r\nContent-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/v1/me HTTP/1.1\r\n${H}\r\n\r\n`,
    () => `POST /api/v1/auth/login HTTP/1.1\r\n${H}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${r.pick(["zz\r\nabc\r\n0\r\n\r\n", "-1\r\n\r\n", "ffffffffffffffffff\r\nx\r\n", "3;ext=\u0000\r\nabc\r\n0\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n"])}`,
    () => `GET /api/v1/me HTTP/1.1\r\n${H}\r\nX-Big: ${"a".repeat(17_000 + r.int(60_000))}\r\n\r\n`,
    () => `GET /api/v1/me HTTP/1.1\r\n${H}\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: v`).join("\r\n")}\r\n\r\n`,
    () => Buffer.concat([Buffer.from("GET /api/v1/me"), Buffer.from([r.pick([0x00, 0x7f, 0xff, 0x0b, 0x1b])]), Buffer.from(` HTTP/1.1\r\n${H}\r\n\r\n`)]),
    () => r.pick(["PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", "GET /api/v1/me HTTP/1.1\n\n", `GET /api/v1/me HTTP/1.1\r\n${H}\r\n Folded: continuation\r\n\r\n`]),
    () => `GET ${r.pick(["http://evil.example/api/v1/me", "*", "api/v1/me", "//api/v1/me", "/api/v1/me#frag", `/${"a".repeat(20_000)}`])} HTTP/1.1\r\n${H}\r\n\r\n`,
  ];
  return Array.from({ length: count }, (_, i): FuzzCase => {
    const request = makers[i % makers.length]!();
    const text = typeof request === "string" ? request : request.toString("latin1");
    return {
      label: JSON.stringify(text.slice(0, 60)),
      send: () => rawExchange(port, Buffer.isBuffer(request) ? request : Buffer.from(request, "latin1"), { untilComplete: true, idleMs: 300 }).then((res) => outcomeOf(res.status, res.body)),
    };
  });
}

/** Upgrade requests the centre does not serve (socket.io's own path aside): answered at once with a 4xx and closed. */
export function upgradeCases(port: number, r: FuzzRandom, count: number): FuzzCase[] {
  return Array.from({ length: count }, (): FuzzCase => {
    const path = r.pick(["/", "/api/v1/me", "/_next/webpack-hmr", "/k8s/clusters/x/api", "/k8s/clusters/x/api/v1/namespaces/default/pods/p/exec?command=sh", "/ui", `/${"u".repeat(3000)}`, "/login"]);
    const headers = r.pick([
      "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      "Connection: Upgrade\r\nUpgrade: websocket",
      "Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io",
      "Connection: keep-alive, Upgrade\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA",
      "Connection: Upgrade\r\nUpgrade: \u00ff\u00fe",
      "Connection: Upgrade\r\nUpgrade: websocket\r\nCookie: outpost_session=%zz",
    ]);
    const request = `GET ${path} HTTP/1.1\r\n${H}\r\n${headers}\r\n\r\n`;
    return { label: `${path.slice(0, 40)} ${headers.split("\r\n")[1]?.slice(0, 30)}`, send: () => rawExchange(port, Buffer.from(request, "latin1"), { untilComplete: true, idleMs: 300 }).then((res) => outcomeOf(res.status, res.body)) };
  });
}
