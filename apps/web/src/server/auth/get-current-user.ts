import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { CurrentUser, Role } from "@outpost/cluster-core";
import { getServerContext } from "../context";
import { authenticate, SESSION_COOKIE, type Authenticated } from "./authenticate";
import { hasRole } from "./roles";

/**
 * For server components: the signed-in caller (user, grants, credential), or null. A token
 * scoped to one kubeconfig counts as signed out here: it reaches only that cluster's kube API.
 */
export async function getCurrentCaller(): Promise<Authenticated | null> {
  // Reading the request first marks the page dynamic, so `next build` never prerenders it
  // (there is no server context at build time).
  const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
  const authorization = (await headers()).get("authorization");
  const ctx = getServerContext();
  const auth = await authenticate(ctx.db, { sessionToken, authorization }, ctx.authCache);
  if (auth && auth.tokenScope !== null && auth.tokenScope !== "api") return null;
  return auth;
}

/** For server components: the signed-in user, or null. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await getCurrentCaller())?.user ?? null;
}

/** For pages: the user, redirecting to /login when signed out. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** True when the user may see a page that needs `role`; pages render a 403 view otherwise. */
export function userHasRole(user: CurrentUser, role: Role): boolean {
  return hasRole(user.role, role);
}
