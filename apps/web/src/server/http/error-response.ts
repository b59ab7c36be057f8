import type { ApiErrorBody } from "@outpost/cluster-core";
import { AppError, HTTP_STATUS } from "../errors/app-error";

/** The one place errors become HTTP responses: known codes keep their message, anything else is an opaque 500. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const body: ApiErrorBody = { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
    return Response.json(body, { status: HTTP_STATUS[err.code] });
  }
  const prismaCode = (err as { code?: unknown } | null)?.code;
  if (prismaCode === "P2002") return errorResponse(new AppError("CONFLICT", "a record with that name already exists"));
  if (prismaCode === "P2025") return errorResponse(new AppError("NOT_FOUND", "not found"));
  console.error("[api] unexpected error:", err);
  const body: ApiErrorBody = { error: { code: "INTERNAL", message: "internal error; the centre's log has the details" } };
  return Response.json(body, { status: 500 });
}
