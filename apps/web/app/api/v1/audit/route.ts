import { z } from "zod";
import { apiRoute } from "@/src/server/http/api-route";
import { listAuditEvents } from "@/src/server/audit/list-audit-events";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";

const ZLimit = z.coerce.number().int().min(1).max(1000).default(100);

// GET /api/v1/audit?limit=100 – the newest audit events (admin)
export const GET = apiRoute({ role: "admin" }, async ({ ctx, req }) =>
  listAuditEvents(ctx.db, parseOrThrow(ZLimit, req.nextUrl.searchParams.get("limit") ?? undefined, "limit")),
);
