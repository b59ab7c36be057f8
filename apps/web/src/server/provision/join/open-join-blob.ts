import type { Readable } from "node:stream";
import type { ServerContext } from "../../context";
import { AppError } from "../../errors/app-error";
import { hashSecretToken } from "../../auth/secret-token";
import { resolveProvisionBundle } from "../resolve-provision-bundle";

export interface JoinBlob {
  stream: Readable;
  size: number;
  /** First byte sent (a resumed download asks for the rest with Range: bytes=N-). */
  start: number;
}

/** A bundle blob for a device that claimed a join token, from `start` on; checked against its session. */
export async function openJoinBlob(ctx: ServerContext, authorization: string | null, sha256: string, range: string | null): Promise<JoinBlob> {
  const bearer = /^Bearer (jns_[A-Za-z0-9_-]{20,})$/.exec(authorization ?? "")?.[1];
  if (!bearer) throw new AppError("TOKEN_INVALID", "send the join session as Authorization: Bearer jns_…");
  const row = await ctx.db.joinToken.findUnique({ where: { sessionHash: hashSecretToken(bearer) } });
  if (!row?.sessionExpiresAt || row.sessionExpiresAt < new Date()) throw new AppError("TOKEN_INVALID", "the join session is unknown or expired: run the join command again");
  const bundle = await resolveProvisionBundle(ctx, { bundleId: row.bundleId, role: "agent" }).catch((err: Error) => {
    throw new AppError("CONFLICT", err.message);
  });
  const blob = bundle.blobs.find((b) => b.sha256 === sha256);
  if (!blob) throw new AppError("NOT_FOUND", `the bundle has no blob ${sha256}`);
  const m = range ? /^bytes=(\d+)-$/.exec(range) : null;
  if (range && !m) throw new AppError("INVALID_INPUT", "only Range: bytes=N- is supported");
  const start = m ? Number(m[1]) : 0;
  if (start > blob.size) throw new AppError("INVALID_INPUT", `the blob has only ${blob.size} bytes`);
  return { stream: await blob.open(start), size: blob.size, start };
}
