const REASONS: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  413: "RequestEntityTooLarge",
  429: "TooManyRequests",
  499: "ClientClosedRequest",
  502: "BadGateway",
  503: "ServiceUnavailable",
};

/** The API server's own error shape (a v1 Status), so kubectl prints the message as is. */
export function kubeStatusBody(code: number, message: string): Record<string, unknown> {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: REASONS[code] ?? "InternalError", code };
}
