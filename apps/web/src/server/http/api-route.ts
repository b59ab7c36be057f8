import type { NextRequest } from "next/server";
import type { z } from "zod";
import { findJsonProblem, type CurrentUser, type Role } from "@outpost/cluster-core";
import { getServerContext, type ServerContext } from "../context";
import { authenticate, readCookie, SESSION_COOKIE, type Authenticated } from "../auth/authenticate";
import { hasRole } from "../auth/roles";
import { AppError } from "../errors/app-error";
import { assertSameOrigin } from "./assert-same-origin";
import { errorResponse } from "./error-response";
import { readJsonBody } from "./read-json-body";

interface RouteArgs<B> {
  ctx: ServerContext;
  user: CurrentUser;
  /** The user with their grants and credential: pass `caller.access` to the access/ helpers. */
  caller: Authenticated;
  body: B;
  params: Record<string, string>;
  req: NextRequest;
}

interface RouteOptions<S extends z.ZodType | undefined> {
  /**
   * The least global role that may call the route. Cluster routes say "viewer" here and check
   * the caller's role on the cluster itself with requireClusterAccess.
   */
  role: Role;
  /**
   * Only a signed-in browser session may call it, never a bearer token: routes that mint
   * credentials or change who may do what, so that a leaked token cannot outlive its revocation
   * or widen its own reach.
   */
  sessionOnly?: boolean;
  /** Schema of the JSON body; routes without one take no body. */
  body?: S;
  /** Largest body in bytes (default 1 MiB), enforced while it streams in. */
  maxBodyBytes?: number;
}

type Handler<S extends z.ZodType | undefined> = (
  args: RouteArgs<S extends z.ZodType ? z.infer<S> : undefined>,
) => Promise<Response | unknown>;

/**
 * Wraps a route handler: authenticates (session cookie or API token), checks the role, guards
 * cookie-authenticated writes against cross-site requests, parses the body with its schema and
 * turns every error into the one JSON error shape.
 */
export function apiRoute<S extends z.ZodType | undefined = undefined>(options: RouteOptions<S>, handler: Handler<S>) {
  return async (req: NextRequest, route: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const ctx = getServerContext();
      const auth = await authenticate(ctx.db, {
        sessionToken: readCookie(req.headers.get("cookie"), SESSION_COOKIE),
        authorization: req.headers.get("authorization"),
      }, ctx.authCache);
      if (!auth) throw new AppError("UNAUTHENTICATED", "sign in or send an API token (Authorization: Bearer …)");
      if (auth.tokenScope !== null && auth.tokenScope !== "api") {
        throw new AppError("FORBIDDEN", "this token belongs to a kubeconfig: it reaches only its cluster's Kubernetes API, not the Outpost API");
      }
      if (options.sessionOnly && auth.via !== "session") {
        throw new AppError("FORBIDDEN", "API tokens cannot do this; sign in to Outpost in a browser");
      }
      if (!hasRole(auth.user.role, options.role)) throw new AppError("FORBIDDEN", `this needs the ${options.role} role; you are ${auth.user.role}`);
      if (auth.via === "session" && req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req);
      const body = options.body ? await readJsonBody(req, options.body, options.maxBodyBytes) : undefined;
      const params = await route.params;
      assertCleanAddress(params, req);
      const result = await handler({ ctx, user: auth.user, caller: auth, body: body as never, params, req });
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Like apiRoute, for the few routes that take no user (login, agent registration). */
export function publicRoute<S extends z.ZodType>(schema: S, handler: (args: { ctx: ServerContext; body: z.infer<S>; req: NextRequest }) => Promise<Response | unknown>) {
  return async (req: NextRequest): Promise<Response> => {
    try {
      const ctx = getServerContext();
      const body = await readJsonBody(req, schema);
      const result = await handler({ ctx, body, req });
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/**
 * Ids and query values reach database queries as they are: one with a NUL or an unpaired
 * surrogate is refused here (PostgreSQL would fail on it with a 500; SQLite would look it up).
 */
function assertCleanAddress(params: Record<string, string | string[]>, req: NextRequest): void {
  const problem = findJsonProblem(params) ?? findJsonProblem(Object.fromEntries(req.nextUrl.searchParams));
  if (problem) throw new AppError("BAD_REQUEST", `the address is not valid: ${problem.path ? `${problem.path}: ` : ""}${problem.message}`);
}
