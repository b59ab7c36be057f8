import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertCentreBuilt } from "./assert-built";
import { freePort } from "./free-port";
import { CENTRE_COMMAND, REPO_DIR } from "./paths";
import { startProcess, type ProcessHandle } from "./process-handle";
import { ensureTestTls } from "./test-tls";

export const ADMIN_PASSWORD = "admin-password-for-tests";

export interface Centre {
  url: string;
  port: number;
  process: ProcessHandle;
  stop(): Promise<void>;
  /** Starts the centre again on the same port and database (after stop or kill). */
  restart(): Promise<void>;
}

/**
 * Starts the real centre (the production build: Next.js + socket.io, as `npm start` and the
 * container image run it) on a free
 * port against the given database. Needs `npm run build` first.
 */
export async function startCentre(opts: {
  databaseUrl: string;
  env?: Record<string, string>;
  tls?: boolean;
  /** Devices dial the centre at this address (OUTPOST_PUBLIC_URL = scheme://publicHost:port). */
  publicHost?: string;
}): Promise<Centre> {
  assertCentreBuilt();
  const port = await freePort();
  const tls = opts.tls ? ensureTestTls() : null;
  // Files beside the database (bundle blobs, keys) of a PostgreSQL centre: its own folder, kept across restarts.
  const dataDir = mkdtempSync(join(tmpdir(), "outpost-centre-data-"));
  const launch = () =>
    startProcess(CENTRE_COMMAND[0], CENTRE_COMMAND.slice(1), {
      cwd: REPO_DIR,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: opts.databaseUrl,
        OUTPOST_ADMIN_PASSWORD: ADMIN_PASSWORD,
        OUTPOST_DATA_DIR: dataDir,
        ...(tls ? { OUTPOST_TLS_CERT: tls.certFile, OUTPOST_TLS_KEY: tls.keyFile, OUTPOST_TLS_CA: tls.caFile } : {}),
        ...(opts.publicHost ? { OUTPOST_PUBLIC_URL: `${tls ? "https" : "http"}://${opts.publicHost}:${port}` } : {}),
        ...opts.env,
      },
    });
  const centre: Centre = {
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    process: launch(),
    stop: () => centre.process.stop(),
    async restart() {
      await centre.process.stop();
      centre.process = launch();
      await centre.process.waitFor(/ready on/, 60_000);
    },
  };
  await centre.process.waitFor(/ready on/, 60_000);
  return centre;
}
