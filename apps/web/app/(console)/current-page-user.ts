import { cache } from "react";
import { connection } from "next/server";
import { getCurrentUser } from "@/src/server/auth/get-current-user";

/**
 * getCurrentUser, once per request however many layouts and pages ask. `connection()` first
 * marks the page as per-request, so `next build` never tries to prerender it without a server.
 */
export const currentPageUser = cache(async () => {
  await connection();
  return getCurrentUser();
});
