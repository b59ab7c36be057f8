/** Every failure a caller can act on has a code; the code decides the HTTP status and socket error. */
export type AppErrorCode =
  | "INVALID_INPUT"
  | "BAD_REQUEST"
  | "METHOD_NOT_ALLOWED"
  | "PAYLOAD_TOO_LARGE"
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
  /** The request itself is malformed (encoding, framing, cookies), before its meaning is read. */
  BAD_REQUEST: 400,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
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

/**
 * Marks AppErrors across copies of this module: the centre's process (dist/server.mjs) and
 * Next.js's route bundles each carry their own AppError class, and services on the shared
 * context (jobs, bundle blobs) throw into route handlers across that line.
 */
const APP_ERROR = Symbol.for("outpost.app-error");

export class AppError extends Error {
  readonly [APP_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [APP_ERROR]?: unknown })[APP_ERROR] === true;
  }

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
