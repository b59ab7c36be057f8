import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { AppError } from "@/src/server/errors/app-error";
import { publicHandler } from "@/src/server/http/public-handler";
import { agentInstallFiles } from "@/src/server/provision/join/agent-install-files";

// GET /api/v1/install/files/:path – the agent build and its service installer, for the one-line install (public code, no secrets)
export const GET = publicHandler(async ({ ctx, params }) => {
  const path = ([] as string[]).concat(params.path ?? []).join("/");
  const file = agentInstallFiles(ctx).find((f) => f.path === path);
  if (!file) throw new AppError("NOT_FOUND", `no install file ${path}`);
  return new Response(Readable.toWeb(createReadStream(file.file)) as ReadableStream, { headers: { "content-type": "application/octet-stream", "x-content-sha256": file.sha256 } });
});
