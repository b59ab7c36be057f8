import { redirect } from "next/navigation";
import type { Authenticated } from "@/src/server/auth/authenticate";
import { currentPageCaller } from "./current-page-user";

/**
 * For signed-in pages that need the caller's grants: the caller, or a redirect to /login that
 * comes back to `here` afterwards.
 */
export async function getPageCaller(here: string): Promise<Authenticated> {
  const caller = await currentPageCaller();
  if (!caller) redirect(`/login?next=${encodeURIComponent(here)}`);
  return caller;
}
