import type { ApiErrorBody } from "@outpost/cluster-core";
import { AppError, HTTP_STATUS } from "../errors/app-error";
import { apiErrorBody } from "./api-error-body";
import { log } from "../logging/log";

/** The one place errors become HTTP responses: known codes keep their message, anything else is an opaque 500. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const body = apiErrorBody(err);
    const headers: Record<string, string> = err.retryAfterSeconds ? { "retry-after": String(err.retryAfterSeconds) } : {};
    return Response.json(body, { status: HTTP_STATUS[err.code], headers });
  }
  const prismaCode = (err as { code?: unknown } | null)?.code;
  if (prismaCode === "P2002") return errorResponse(new AppError("CONFLICT", "a record with that name already exists"));
  if (prismaCode === "P2025") return errorResponse(new AppError("NOT_FOUND", "not found"));
  // P1008: the driver gave up: SQLITE_BUSY (another process holds the file's write lock) or a
  // PostgreSQL timeout. Nothing was written; the same request can simply be sent again.
  if (prismaCode === "P1008") {
    log.warn({ reason: (err as Error).message.trim().split("\n").at(-1) }, "database busy");
    return errorResponse(new AppError("DATABASE_BUSY", "the database is locked by another process or too slow to answer; nothing was changed, try again"));
  }
  log.error({ err }, "unexpected error in an API route");
  const body: ApiErrorBody = { error: { code: "INTERNAL", message: "internal error; the centre's log has the details" } };
  return Response.json(body, { status: 500 });
}
