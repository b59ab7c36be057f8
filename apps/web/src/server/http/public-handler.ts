import type { NextRequest } from "next/server";
import { getServerContext, type ServerContext } from "../context";
import { errorResponse } from "./error-response";

/**
 * A route without a user (scripts and files devices fetch, the join claim): the handler gets the
 * context, the request and its params; any error becomes the one JSON error shape.
 */
export function publicHandler(handler: (args: { ctx: ServerContext; req: NextRequest; params: Record<string, string | string[]> }) => Promise<Response>) {
  return async (req: NextRequest, route: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      return await handler({ ctx: getServerContext(), req, params: await route.params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
