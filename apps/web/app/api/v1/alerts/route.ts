import { z } from "zod";
import { apiRoute } from "@/src/server/http/api-route";
import { listAlerts } from "@/src/server/alerts/list-alerts";
import { visibleClustersWhere } from "@/src/server/access/visible-clusters-where";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";

const ZQuery = z.object({ state: z.enum(["firing", "recent"]).default("firing"), limit: z.coerce.number().int().min(1).max(500).default(200) });

// GET /api/v1/alerts?state=firing|recent – alerts firing now (recent: and those resolved in the last 7 days), on the clusters the caller's grants cover
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, req }) =>
  listAlerts(ctx.db, { ...parseOrThrow(ZQuery, Object.fromEntries(req.nextUrl.searchParams), "query"), visible: await visibleClustersWhere(ctx, caller.access) }),
);
