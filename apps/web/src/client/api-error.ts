import type { ApiErrorBody } from "@outpost/cluster-core";

export type ApiIssue = NonNullable<ApiErrorBody["error"]["issues"]>[number];

/** A failed API call: the HTTP status plus the server's error code, message and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}
