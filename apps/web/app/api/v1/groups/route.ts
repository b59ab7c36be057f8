import { ZCreateGroupRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createGroup } from "@/src/server/groups/create-group";
import { listGroups } from "@/src/server/groups/list-groups";

// GET /api/v1/groups – every group with its members (admin)
export const GET = apiRoute({ role: "admin" }, async ({ ctx }) => listGroups(ctx.db));

// POST /api/v1/groups – create an empty group (admin, browser session)
export const POST = apiRoute({ role: "admin", sessionOnly: true, body: ZCreateGroupRequest }, async ({ ctx, user, body }) =>
  Response.json(await createGroup(ctx.db, user, body.name), { status: 201 }),
);
