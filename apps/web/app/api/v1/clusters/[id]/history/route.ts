import { z } from "zod";
import { apiRoute } from "@/src/server/http/api-route";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { getClusterHistory } from "@/src/server/history/get-cluster-history";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";

const ZDays = z.coerce.number().int().min(1, "days is 1 to 90").max(90, "days is 1 to 90").default(7);

// GET /api/v1/clusters/:id/history?days=7 – status transitions (the outage history), outages and time offline
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params, req }) => {
  const days = parseOrThrow(ZDays, req.nextUrl.searchParams.get("days") ?? undefined, "days");
  await requireClusterAccess(ctx, caller.access, params.id!);
  return getClusterHistory(ctx.db, params.id!, days);
});
