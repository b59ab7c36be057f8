import { cache } from "react";
import { connection } from "next/server";
import type { CurrentUser } from "@outpost/cluster-core";
import { getCurrentCaller } from "@/src/server/auth/get-current-user";
import type { Authenticated } from "@/src/server/auth/authenticate";

/**
 * getCurrentCaller, once per request however many layouts and pages ask. `connection()` first
 * marks the page as per-request, so `next build` never tries to prerender it without a server.
 */
export const currentPageCaller = cache(async (): Promise<Authenticated | null> => {
  await connection();
  return getCurrentCaller();
});

/** The signed-in user of this request, or null. */
export async function currentPageUser(): Promise<CurrentUser | null> {
  return (await currentPageCaller())?.user ?? null;
}
