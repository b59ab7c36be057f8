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
  | "UNAVAILABLE"
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
  /** The centre is at a limit (e.g. of connections); the answer says when to retry. */
  UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export interface ValidationIssue {
  path: string;
  message: string;
}

/** Marks AppErrors across module copies: Next bundles its own copy of this file besides server.ts's. */
const BRAND = Symbol.for("outpost.AppError");

export class AppError extends Error {
  readonly [BRAND] = true;

  /**
   * `instanceof AppError` holds for an AppError made by any copy of this module: services built
   * in server.ts (e.g. ctx.bundles) throw errors that Next's route handlers must still recognise,
   * or every such refusal would become an opaque 500.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
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
