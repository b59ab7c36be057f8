import { ZAuditQuery } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { auditCsv } from "@/src/server/audit/audit-csv";

// GET /api/v1/audit/export?q=&actor=&action=&targetType=&from=&to= – the filtered audit log as a CSV download (admin)
export const GET = apiRoute({ role: "admin" }, async ({ ctx, req }) => {
  const csv = await auditCsv(ctx.db, parseOrThrow(ZAuditQuery, Object.fromEntries(req.nextUrl.searchParams), "audit filter"));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="outpost-audit-${day}.csv"`, "cache-control": "no-store" } });
});
