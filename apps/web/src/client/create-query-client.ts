import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-error";

/** Signed out mid-session (expired or revoked): go to the sign-in page and come back here. */
function onError(err: unknown): void {
  if (err instanceof ApiError && err.status === 401 && typeof window !== "undefined" && window.location.pathname !== "/login") {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
}

/** The browser's one QueryClient: short staleness (live pushes keep data fresh), no retries of 4xx answers. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && failures < 2,
      },
    },
  });
}
