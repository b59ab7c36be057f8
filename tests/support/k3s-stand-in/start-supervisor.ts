import { request as httpsRequest, createServer, type Server } from "node:https";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import type { Duplex } from "node:stream";
import type { SignedCertificate } from "./sign-certificate";

export interface SupervisorOptions {
  bindAddress: string;
  port: number;
  /** The cluster's server CA (served at /cacerts) and client CA (checks client certificates). */
  serverCaPem: string;
  clientCaPem: string;
  /** This listener's serving certificate, signed by the server CA. */
  serving: SignedCertificate;
  /** The real API server behind, and the front-proxy certificate it trusts for X-Remote-* headers. */
  apiserver: { host: string; port: number };
  frontProxy: SignedCertificate;
  /** Checks a join password (Basic auth of /v1-k3s/* requests). */
  passwordOk(password: string): boolean;
  /** Signs a kubelet client certificate for a node that joined. */
  kubeletCertificate(nodeName: string): SignedCertificate;
  log(line: string): void;
}

const NODE_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * k3s's port 6443: one HTTPS listener for the supervisor (`/cacerts`, `/ping`, `/v1-k3s/*`, what
 * joining agents call) and the Kubernetes API. API requests are relayed to the real
 * kube-apiserver of the test control plane: the caller's verified client certificate becomes
 * request-header authentication (X-Remote-User / X-Remote-Group, sent with the front-proxy
 * certificate the API server trusts), a bearer token passes through unchanged.
 */
export function startSupervisor(opts: SupervisorOptions): Promise<Server> {
  const server = createServer(
    { cert: opts.serving.certPem, key: opts.serving.keyPem, ca: opts.clientCaPem, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (path === "/cacerts") return void res.writeHead(200, { "content-type": "text/plain" }).end(opts.serverCaPem);
      if (path === "/ping") return void res.writeHead(200, { "content-type": "text/plain" }).end("pong");
      if (path?.startsWith("/v1-k3s/")) return serveSupervisor(opts, req, res, path);
      relay(opts, req, res);
    },
  );
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => relayUpgrade(opts, req, socket, head));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.bindAddress, () => resolve(server));
  });
}

function serveSupervisor(opts: SupervisorOptions, req: IncomingMessage, res: ServerResponse, path: string): void {
  const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
  const password = auth ? Buffer.from(auth[1]!, "base64").toString().split(":").slice(1).join(":") : "";
  if (!password || !opts.passwordOk(password)) {
    opts.log(`refused ${req.method} ${path} from ${req.socket.remoteAddress}: token is not valid`);
    return void res.writeHead(401, { "content-type": "text/plain" }).end("Unauthorized");
  }
  if (path !== "/v1-k3s/client-kubelet.crt") return void res.writeHead(404).end("not found");
  const nodeName = String(req.headers["k3s-node-name"] ?? "");
  if (!NODE_NAME.test(nodeName)) return void res.writeHead(400).end("k3s-Node-Name must be a DNS name");
  const cert = opts.kubeletCertificate(nodeName);
  opts.log(`issued a kubelet client certificate to node ${nodeName} (${req.socket.remoteAddress})`);
  res.writeHead(200, { "content-type": "text/plain" }).end(cert.certPem + cert.keyPem);
}

/** Request headers for the API server: no caller-supplied X-Remote-*, the verified identity added. */
function upstreamHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!name.startsWith("x-remote-") && value !== undefined) headers[name] = value;
  }
  const socket = req.socket as TLSSocket;
  if (socket.authorized) {
    const subject = socket.getPeerCertificate().subject;
    if (subject?.CN) {
      headers["x-remote-user"] = subject.CN;
      const groups = subject.O === undefined ? [] : Array.isArray(subject.O) ? subject.O : [subject.O];
      if (groups.length) headers["x-remote-group"] = groups;
    }
  }
  return headers;
}

function relay(opts: SupervisorOptions, req: IncomingMessage, res: ServerResponse): void {
  const upstream = httpsRequest(
    {
      host: opts.apiserver.host,
      port: opts.apiserver.port,
      method: req.method,
      path: req.url,
      headers: upstreamHeaders(req),
      ca: opts.serverCaPem,
      cert: opts.frontProxy.certPem,
      key: opts.frontProxy.keyPem,
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on("error", (err) => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end(`k3s: the API server is not reachable: ${err.message}`);
  });
  res.on("close", () => upstream.destroy());
  req.pipe(upstream);
}

function relayUpgrade(opts: SupervisorOptions, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const upstream = tlsConnect({ host: opts.apiserver.host, port: opts.apiserver.port, ca: opts.serverCaPem, cert: opts.frontProxy.certPem, key: opts.frontProxy.keyPem }, () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (const [name, value] of Object.entries(upstreamHeaders(req))) {
      for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${String(v)}`);
    }
    upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on("error", close);
  socket.on("error", close);
  socket.on("close", close);
  upstream.on("close", close);
}
