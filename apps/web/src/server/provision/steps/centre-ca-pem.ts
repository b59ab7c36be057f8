import { readFileSync } from "node:fs";
import type { ServerContext } from "../../context";

/** The CA devices need to trust the centre's certificate, when it serves HTTPS itself. */
export function centreCaPem(ctx: ServerContext): string | null {
  const file = ctx.config.tlsCaFile ?? ctx.config.tlsCertFile;
  return file ? readFileSync(file, "utf8") : null;
}
