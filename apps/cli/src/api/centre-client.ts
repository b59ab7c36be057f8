import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { CliError } from "../cli-error";

export interface CentreClient {
  readonly server: string;
  /** A JSON request; throws CliError with the centre's message unless the answer is 2xx. */
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Streams a file as the raw body of a request (never whole in memory). */
  upload<T>(method: string, path: string, file: string, size: number): Promise<T>;
  /** A streamed download; the caller reads `body`. */
  download(path: string): Promise<Response>;
}

/** The centre's API, with an API token (Authorization: Bearer). */
export function centreClient(server: string, token: string): CentreClient {
  const base = server.replace(/\/+$/, "");
  const headers = { authorization: `Bearer ${token}` };
  const send = async (method: string, path: string, init: RequestInit): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { method, ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      throw new CliError(`cannot reach ${base}: ${cause ?? (err as Error).message}`);
    }
    if (res.ok) return res;
    const text = await res.text();
    let message = text.slice(0, 500);
    try {
      const body = JSON.parse(text) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON: keep the text
    }
    throw new CliError(`${method} ${path}: ${res.status} ${message}`);
  };
  const parse = async <T>(res: Response) => (res.status === 204 ? (undefined as T) : ((await res.json()) as T));
  return {
    server: base,
    async json(method, path, body) {
      const init: RequestInit = body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } };
      return parse(await send(method, path, init));
    },
    async upload(method, path, file, size) {
      const body = Readable.toWeb(createReadStream(file, { highWaterMark: 1024 * 1024 })) as ReadableStream;
      // duplex "half": Node's fetch streams a request body only when told so.
      const init = { body, duplex: "half", headers: { "content-type": "application/octet-stream", "content-length": String(size) } };
      return parse(await send(method, path, init as RequestInit));
    },
    download: (path) => send("GET", path, {}),
  };
}
