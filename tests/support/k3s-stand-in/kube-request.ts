import { request } from "node:https";

export interface KubeConnection {
  /** https://host:port of the API (here: a k3s supervisor's :6443). */
  server: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface KubeResponse {
  status: number;
  body: unknown;
  text: string;
}

/** One Kubernetes API call with a client certificate; JSON in, JSON (or text) out. */
export function kubeRequest(conn: KubeConnection, method: string, path: string, body?: unknown, contentType = "application/json"): Promise<KubeResponse> {
  const url = new URL(path, conn.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        ca: conn.caPem,
        cert: conn.certPem,
        key: conn.keyPem,
        headers: { accept: "application/json", ...(payload ? { "content-type": contentType, "content-length": Buffer.byteLength(payload) } : {}) },
        timeout: 15_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, text });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on("error", reject);
    req.end(payload);
  });
}
