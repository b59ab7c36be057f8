/** Every failure a caller can act on has a code; the code decides the HTTP status and socket error. */
export type AppErrorCode =
  | "INVALID_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOKEN_INVALID"
  | "AGENT_CREDENTIAL_INVALID"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "DATABASE_BUSY"
  | "RATE_LIMITED"
  | "INTERNAL";

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  INVALID_INPUT: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOKEN_INVALID: 401,
  AGENT_CREDENTIAL_INVALID: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DATABASE_BUSY: 503,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export interface ValidationIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
    /** Sent as Retry-After when the caller should wait before asking again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}
