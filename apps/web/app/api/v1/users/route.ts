import { ZCreateUserRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createUser, listUsers } from "@/src/server/users/user-service";

// GET /api/v1/users – all users (admin)
export const GET = apiRoute({ role: "admin" }, async ({ ctx }) => listUsers(ctx.db));

// POST /api/v1/users – create a user (admin, in a browser session: no token creates users)
export const POST = apiRoute({ role: "admin", sessionOnly: true, body: ZCreateUserRequest }, async ({ ctx, user, body }) =>
  Response.json(await createUser(ctx.db, user, body), { status: 201 }),
);
