import { ZGroupMemberRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { addGroupMember } from "@/src/server/groups/add-group-member";

// POST /api/v1/groups/:id/members – put a user into the group (admin, browser session)
export const POST = apiRoute({ role: "admin", sessionOnly: true, body: ZGroupMemberRequest }, async ({ ctx, user, params, body }) =>
  addGroupMember(ctx, user, params.id!, body.userId),
);
