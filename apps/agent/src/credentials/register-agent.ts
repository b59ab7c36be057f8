import { backoffDelay, type RegisterAgentRequest, type RegisterAgentResponse } from "@outpost/cluster-core";
import { AgentRejectedError } from "../errors/agent-error";
import type { Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import { formatDuration } from "../util/format-duration";
import { sleep } from "../util/sleep";
import { classifyRegisterResponse, type RegisterOutcome } from "./classify-register-response";

export interface RegisterAgentOptions {
  server: string;
  request: RegisterAgentRequest;
  log: Logger;
  signal: AbortSignal;
}

const REQUEST_TIMEOUT_MS = 15_000;
const BACKOFF = { baseMs: 1_000, capMs: 60_000 };

/**
 * Trades the one-time registration token for a credential. Network errors and 5xx are retried
 * with jittered backoff for as long as it takes (a device may boot long before its uplink works);
 * a 4xx is final and becomes an AgentRejectedError. Returns null if `signal` aborts first.
 */
export async function registerAgent({ server, request, log, signal }: RegisterAgentOptions): Promise<RegisterAgentResponse | null> {
  const url = `${server}/api/v1/agent/register`;
  for (let attempt = 0; !signal.aborted; attempt++) {
    const outcome = await postOnce(url, request, signal);
    if (signal.aborted) return null;
    if (outcome.kind === "registered") return outcome.response;
    if (outcome.kind === "rejected") {
      throw new AgentRejectedError(`registration refused by ${server} (${outcome.code}): ${outcome.message}`, outcome.code);
    }
    const delay = backoffDelay(attempt, BACKOFF);
    log.warn({ server, reason: outcome.reason, retryIn: formatDuration(delay) }, "registration failed; retrying");
    if (!(await sleep(delay, signal))) return null;
  }
  return null;
}

async function postOnce(url: string, request: RegisterAgentRequest, signal: AbortSignal): Promise<RegisterOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(request),
      signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
  } catch (err) {
    // fetch hides the useful part ("ECONNREFUSED 127.0.0.1:3000") in `cause`.
    const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
    return { kind: "retry", reason: describeError(cause) };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return classifyRegisterResponse(response.status, body);
}
