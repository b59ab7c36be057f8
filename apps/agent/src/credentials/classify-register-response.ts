import { z } from "zod";
import { ZRegisterAgentResponse, type RegisterAgentResponse } from "@outpost/cluster-core";

export type RegisterOutcome =
  | { kind: "registered"; response: RegisterAgentResponse }
  /** The centre said no for good (used, expired or unknown token): retrying cannot help. */
  | { kind: "rejected"; code: string; message: string }
  /** Worth another try after a backoff: the centre is down, overloaded or confused. */
  | { kind: "retry"; reason: string };

const ZApiErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * Decides what an HTTP answer to POST /api/v1/agent/register means. `body` is the parsed JSON,
 * or undefined when the body was not JSON.
 */
export function classifyRegisterResponse(status: number, body: unknown): RegisterOutcome {
  if (status === 200 || status === 201) {
    const parsed = ZRegisterAgentResponse.safeParse(body);
    if (parsed.success) return { kind: "registered", response: parsed.data };
    return { kind: "retry", reason: `HTTP ${status} with a body that is not a registration response` };
  }
  const apiError = ZApiErrorBody.safeParse(body);
  // 408 and 429 are "not now", not "never".
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return apiError.success
      ? { kind: "rejected", code: apiError.data.error.code, message: apiError.data.error.message }
      : { kind: "rejected", code: `HTTP_${status}`, message: `the centre answered HTTP ${status}` };
  }
  const detail = apiError.success ? `: ${apiError.data.error.message}` : "";
  return { kind: "retry", reason: `HTTP ${status}${detail}` };
}
