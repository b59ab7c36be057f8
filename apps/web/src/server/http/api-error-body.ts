import type { ApiErrorBody } from "@outpost/cluster-core";
import type { AppError } from "../errors/app-error";

/** The one JSON error shape of the API, for an AppError. */
export function apiErrorBody(err: AppError): ApiErrorBody {
  return { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
}
