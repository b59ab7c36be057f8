import type { ApiErrorBody } from "@outpost/cluster-core";
import { ApiError } from "./api-error";

export interface ApiFetchOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON; the server refuses writes without `Content-Type: application/json`. */
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the same-origin JSON API with the session cookie. Resolves with the parsed body;
 * rejects with an ApiError that carries the server's `{error:{code,message,issues}}`.
 */
export async function apiFetch<T>(path: string, { method = "GET", body, signal }: ApiFetchOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, "NETWORK", "cannot reach the Outpost server; check the connection and try again");
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const error = (json as Partial<ApiErrorBody> | undefined)?.error;
    throw new ApiError(
      res.status,
      typeof error?.code === "string" ? error.code : `HTTP_${res.status}`,
      typeof error?.message === "string" ? error.message : `the server answered HTTP ${res.status}`,
      Array.isArray(error?.issues) ? error.issues : [],
    );
  }
  return json as T;
}
