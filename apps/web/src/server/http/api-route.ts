import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { CurrentUser, Role } from "@outpost/cluster-core";
import { getServerContext, type ServerContext } from "../context";
import { authenticate, SESSION_COOKIE, type Authenticated } from "../auth/authenticate";
import { hasRole } from "../auth/roles";
import { AppError } from "../errors/app-error";
import { parseOrThrow } from "../errors/parse-or-throw";
import { errorResponse } from "./error-response";

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
}

type Handler<S extends z.ZodType | undefined> = (
  args: RouteArgs<S extends z.ZodType ? z.infer<S> : undefined>,
) => Promise<Response | unknown>;

const MAX_BODY_BYTES = 1024 * 1024;

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
        sessionToken: req.cookies.get(SESSION_COOKIE)?.value,
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
      const body = options.body ? await readJsonBody(req, options.body) : undefined;
      const result = await handler({ ctx, user: auth.user, caller: auth, body: body as never, params: await route.params, req });
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

async function readJsonBody<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  if (!req.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the body as JSON (Content-Type: application/json)");
  }
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("INVALID_INPUT", "the body is larger than 1 MiB");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "the body is not valid JSON");
  }
  return parseOrThrow(schema, json, "request body");
}

/** Browsers always send Origin on cross-site writes; a cookie-authenticated write must come from this host. */
function assertSameOrigin(req: NextRequest): void {
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("FORBIDDEN", "cross-site request refused");
  }
  if (originHost !== host) throw new AppError("FORBIDDEN", "cross-site request refused");
}
