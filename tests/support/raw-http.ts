import { connect } from "node:net";

export interface RawExchange {
  /** Everything the server sent, as latin1 text (byte for byte). */
  raw: string;
  /** Status of the first response, 0 when none arrived. */
  status: number;
  /** Headers of the first response, names lower-cased, repeated names kept in order. */
  headers: [string, string][];
  /** Body of the first response (de-chunked when sent chunked), as latin1 text. */
  body: string;
  /** The server closed the connection (rather than the client timing out). */
  closedByServer: boolean;
  /** Milliseconds until the first byte of the answer (or until the end, when there was none). */
  firstByteMs: number;
}

/**
 * Sends bytes exactly as given on a fresh TCP connection and collects what comes back until the
 * server closes, `idleMs` passes without news after the first byte, or `timeoutMs` passes
 * before it; with `untilComplete`, also as soon as the first response is complete (by its
 * length or chunked end), which keeps many exchanges fast. fetch() and http.request normalise what they
 * send (and refuse what they read), which would hide exactly what these tests look at.
 */
export function rawExchange(port: number, request: string | Buffer, opts: { idleMs?: number; timeoutMs?: number; host?: string; localAddress?: string; untilComplete?: boolean } = {}): Promise<RawExchange> {
  const idleMs = opts.idleMs ?? 500;
  return new Promise((resolve) => {
    const started = performance.now();
    let firstByteMs = -1;
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: opts.host ?? "127.0.0.1", localAddress: opts.localAddress });
    let timer = setTimeout(() => done(false), opts.timeoutMs ?? 10_000);
    const done = (closedByServer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString("latin1");
      resolve({ raw, ...parseHead(raw), closedByServer, firstByteMs: firstByteMs < 0 ? performance.now() - started : firstByteMs });
    };
    socket.on("data", (d) => {
      if (firstByteMs < 0) firstByteMs = performance.now() - started;
      chunks.push(d);
      if (opts.untilComplete && isComplete(Buffer.concat(chunks).toString("latin1"))) return done(false);
      clearTimeout(timer);
      timer = setTimeout(() => done(false), idleMs);
    });
    socket.on("end", () => done(true));
    socket.on("error", () => done(true));
    socket.on("connect", () => socket.write(request));
  });
}

function parseHead(raw: string): { status: number; headers: [string, string][]; body: string } {
  const end = raw.indexOf("\r\n\r\n");
  const lines = (end === -1 ? raw : raw.slice(0, end)).split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1] ?? 0);
  const headers = lines.slice(1).flatMap((l): [string, string][] => {
    const colon = l.indexOf(":");
    return colon > 0 ? [[l.slice(0, colon).toLowerCase(), l.slice(colon + 1).trim()]] : [];
  });
  const rest = end === -1 ? "" : raw.slice(end + 4);
  const chunked = headers.some(([k, v]) => k === "transfer-encoding" && /chunked/i.test(v));
  const length = headers.find(([k]) => k === "content-length")?.[1];
  return { status, headers, body: chunked ? dechunk(rest) : length !== undefined ? rest.slice(0, Number(length)) : rest };
}

function dechunk(text: string): string {
  let out = "";
  let i = 0;
  for (;;) {
    const eol = text.indexOf("\r\n", i);
    if (eol === -1) return out;
    const size = parseInt(text.slice(i, eol), 16);
    if (!(size > 0)) return out;
    out += text.slice(eol + 2, eol + 2 + size);
    i = eol + 2 + size + 2;
  }
}

/** The first response in `raw` is all there: head plus its length, or its chunked end. */
function isComplete(raw: string): boolean {
  const end = raw.indexOf("\r\n\r\n");
  if (end === -1) return false;
  const head = raw.slice(0, end).toLowerCase();
  const status = Number(/^http\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) return true;
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head)?.[1];
  if (length !== undefined) return raw.length - end - 4 >= Number(length);
  if (/\r\ntransfer-encoding:[^\r]*chunked/.test(head)) return raw.endsWith("0\r\n\r\n");
  return false;
}
