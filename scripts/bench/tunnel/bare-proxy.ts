/**
 * The floor for any design that relays kube API calls through a central HTTPS endpoint: a bare
 * Node.js HTTPS reverse proxy in its own process, keep-alive on both sides, no authentication,
 * no tunnel. bench:tunnel measures it next to the real tunnel, so the tunnel's cost can be told
 * apart from the cost of one more HTTPS hop and one more process on the same cores.
 *
 *   node --import tsx bare-proxy.ts   (env: PROXY_CERT, PROXY_KEY, UPSTREAM_URL, UPSTREAM_CA, UPSTREAM_TOKEN)
 * Prints "listening PORT" when ready.
 */
import { readFileSync } from "node:fs";
import { Agent, createServer, request } from "node:https";
import type { AddressInfo } from "node:net";

const env = (name: string) => process.env[name] ?? (console.error(`bare-proxy: ${name} is not set`), process.exit(2));
const upstream = new URL(env("UPSTREAM_URL"));
const agent = new Agent({ keepAlive: true, ca: readFileSync(env("UPSTREAM_CA")) });
const token = env("UPSTREAM_TOKEN");

const server = createServer({ cert: readFileSync(env("PROXY_CERT")), key: readFileSync(env("PROXY_KEY")) }, (req, res) => {
  const headers = { ...req.headers, host: upstream.host, authorization: `Bearer ${token}` };
  const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  out.on("error", () => res.destroy());
  req.pipe(out);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => process.exit(0));
