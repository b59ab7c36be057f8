import { apiRoute } from "@/src/server/http/api-route";

// GET /api/v1/me – who am I
export const GET = apiRoute({ role: "viewer" }, async ({ user }) => user);
