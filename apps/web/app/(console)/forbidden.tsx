import { ForbiddenView } from "@/src/client/ui/forbidden-view";
import { currentPageUser } from "./current-page-user";

/** Shown with HTTP 403 when a page calls forbidden(); every such page today needs the admin role. */
export default async function Forbidden() {
  const user = await currentPageUser();
  return <ForbiddenView role="admin" yourRole={user?.role ?? "viewer"} />;
}
