import { readFileSync } from "node:fs";
import { request as httpsRequest, type RequestOptions } from "node:https";
import { join } from "node:path";

export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "KubeApiError";
  }
}

export interface WatchEvent<T> {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: T;
}

/**
 * A small client for one test control plane's API server, authenticated with a client
 * certificate of DIR/pki (the stand-in acts as the node's kubelet, which holds such a
 * certificate) or with a bearer token.
 */
export class KubeApi {
  private constructor(
    readonly server: string,
    private readonly tls: Pick<RequestOptions, "ca" | "cert" | "key">,
    private readonly token: string | null,
  ) {}

  /** As system:admin with the cluster's admin client certificate. */
  static forClusterDir(dir: string, server: string): KubeApi {
    const pki = join(dir, "pki");
    return new KubeApi(server, { ca: readFileSync(join(pki, "server-ca.crt")), cert: readFileSync(join(pki, "client-admin.crt")), key: readFileSync(join(pki, "client-admin.key")) }, null);
  }

  /** As whoever the bearer token names (e.g. a pod's service account). */
  withToken(token: string): KubeApi {
    return new KubeApi(this.server, { ca: this.tls.ca }, token);
  }

  get caPem(): string {
    return String(this.tls.ca);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
    const text = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body), contentType);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** GET, with 404 as null. */
  async get<T>(path: string): Promise<T | null> {
    try {
      return await this.request<T>("GET", path);
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return null;
      throw err;
    }
  }

  /** Streams watch events until the server ends the watch or `signal` aborts. */
  watch<T>(path: string, onEvent: (e: WatchEvent<T>) => void, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const url = new URL(path, this.server);
      const req = httpsRequest(url, { method: "GET", headers: this.headers(), signal, ...this.tls }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new KubeApiError(res.statusCode ?? 0, `watch ${path}: HTTP ${res.statusCode}`));
          return;
        }
        let buffered = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffered += chunk;
          let nl: number;
          while ((nl = buffered.indexOf("\n")) >= 0) {
            const line = buffered.slice(0, nl).trim();
            buffered = buffered.slice(nl + 1);
            if (line) onEvent(JSON.parse(line) as WatchEvent<T>);
          }
        });
        res.on("end", () => resolve());
        res.on("error", (err) => (signal.aborted ? resolve() : reject(err)));
      });
      req.on("error", (err) => (signal.aborted ? resolve() : reject(err)));
      req.end();
    });
  }

  private headers(): Record<string, string> {
    return this.token ? { Authorization: `Bearer ${this.token}`, Accept: "application/json" } : { Accept: "application/json" };
  }

  private send(method: string, path: string, body: string | undefined, contentType: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const url = new URL(path, this.server);
      const headers: Record<string, string> = this.headers();
      if (body !== undefined) {
        headers["Content-Type"] = contentType;
        // A sized body, never chunked: Go's server leaves an unread chunked DELETE body on a
        // kept-alive connection, and the next request on it then gets 400 Bad Request.
        headers["Content-Length"] = String(Buffer.byteLength(body));
      }
      const req = httpsRequest(url, { method, headers, timeout: 30_000, ...this.tls }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(text);
          let message = text;
          try {
            message = (JSON.parse(text) as { message?: string }).message ?? text;
          } catch {
            /* not a Status body */
          }
          reject(new KubeApiError(status, `${method} ${path}: HTTP ${status}: ${message}`));
        });
      });
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on("error", reject);
      req.end(body);
    });
  }
}
