import type { CurrentUser } from "@outpost/cluster-core";
import { getPageCaller } from "./get-page-caller";

/**
 * For signed-in pages: the user, or a redirect to /login that comes back to `here` afterwards.
 * Every page calls it itself, because layouts do not re-run on client-side navigation.
 */
export async function getPageUser(here: string): Promise<CurrentUser> {
  return (await getPageCaller(here)).user;
}
