import { z } from "zod";
import { apiRoute } from "@/src/server/http/api-route";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { getClusterHistory } from "@/src/server/history/get-cluster-history";

const ZDays = z.coerce.number().int().min(1, "days is 1 to 90").max(90, "days is 1 to 90").default(7);

// GET /api/v1/clusters/:id/history?days=7 – status transitions (the outage history), outages and time offline
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params, req }) =>
  getClusterHistory(ctx.db, params.id!, parseOrThrow(ZDays, req.nextUrl.searchParams.get("days") ?? undefined, "days")),
);
