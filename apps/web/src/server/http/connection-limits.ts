import type { Config } from "../config";
import type { ConnectionLimits } from "./connection-guard";
import { openFilesLimit } from "./open-files-limit";

/** The centre's limits on unauthenticated connections: configured, or half the descriptor limit (at most 4096) in total. */
export function connectionLimits(config: Config): ConnectionLimits {
  const fdLimit = openFilesLimit();
  return {
    perAddress: config.unauthenticatedPerAddress,
    total: config.unauthenticatedTotal ?? Math.min(4096, fdLimit ? Math.floor(fdLimit / 2) : 4096),
    retryAfterSeconds: 5,
  };
}
