import { ZAuditQuery } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { listAuditPage } from "@/src/server/audit/list-audit-page";

// GET /api/v1/audit/events?q=&actor=&action=&targetType=&from=&to=&page=&pageSize= – the audit log, filtered and paged (admin)
export const GET = apiRoute({ role: "admin" }, async ({ ctx, req }) =>
  listAuditPage(ctx.db, parseOrThrow(ZAuditQuery, Object.fromEntries(req.nextUrl.searchParams), "audit filter")),
);
