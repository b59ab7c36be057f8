import { ZCreateGrantRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createGrant } from "@/src/server/grants/create-grant";
import { listGrants } from "@/src/server/grants/list-grants";

// GET /api/v1/grants – every grant (admin)
export const GET = apiRoute({ role: "admin" }, async ({ ctx }) => listGrants(ctx.db));

// POST /api/v1/grants – give a user or group a role on all clusters, a site or a label selector (admin, browser session)
export const POST = apiRoute({ role: "admin", sessionOnly: true, body: ZCreateGrantRequest }, async ({ ctx, user, body }) =>
  Response.json(await createGrant(ctx, user, body), { status: 201 }),
);
