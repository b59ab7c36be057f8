import { Readable } from "node:stream";
import { publicHandler } from "@/src/server/http/public-handler";
import { openJoinBlob } from "@/src/server/provision/join/open-join-blob";

// GET /api/v1/join/blobs/:sha256 – a bundle blob for a joining device (Authorization: Bearer jns_…; Range: bytes=N- resumes)
export const GET = publicHandler(async ({ ctx, req, params }) => {
  const blob = await openJoinBlob(ctx, req.headers.get("authorization"), String(params.sha256), req.headers.get("range"));
  const headers: Record<string, string> = { "content-type": "application/octet-stream", "accept-ranges": "bytes", "content-length": String(blob.size - blob.start) };
  if (blob.start > 0) headers["content-range"] = `bytes ${blob.start}-${blob.size - 1}/${blob.size}`;
  return new Response(Readable.toWeb(blob.stream) as ReadableStream, { status: blob.start > 0 ? 206 : 200, headers });
});
