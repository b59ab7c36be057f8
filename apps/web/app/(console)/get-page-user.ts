import { redirect } from "next/navigation";
import type { CurrentUser } from "@outpost/cluster-core";
import { currentPageUser } from "./current-page-user";

/**
 * For signed-in pages: the user, or a redirect to /login that comes back to `here` afterwards.
 * Every page calls it itself, because layouts do not re-run on client-side navigation.
 */
export async function getPageUser(here: string): Promise<CurrentUser> {
  const user = await currentPageUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(here)}`);
  return user;
}
