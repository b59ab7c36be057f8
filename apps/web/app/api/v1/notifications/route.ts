import { z } from "zod";
import { apiRoute } from "@/src/server/http/api-route";
import { listNotifications } from "@/src/server/alerts/notification-service";
import { visibleClusterIds } from "@/src/server/access/visible-cluster-ids";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";

const ZQuery = z.object({
  before: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[A-Za-z0-9_-]+$/, "before is the nextBefore of the previous page")
    .transform((s) => ({ at: new Date(s.slice(0, s.indexOf("_"))), id: s.slice(s.indexOf("_") + 1) }))
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// GET /api/v1/notifications?before=…&limit=50 – alerts that fired or resolved, newest first, and how many are unread
// (those about a cluster only when the caller's grants cover it)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, user, caller, req }) =>
  listNotifications(ctx.db, user, { ...parseOrThrow(ZQuery, Object.fromEntries(req.nextUrl.searchParams), "query"), visibleClusterIds: await visibleClusterIds(ctx, caller.access) }),
);
