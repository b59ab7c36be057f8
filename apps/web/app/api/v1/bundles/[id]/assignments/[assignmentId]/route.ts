import { apiRoute } from "@/src/server/http/api-route";
import { unassignBundle } from "@/src/server/bundles/unassign-bundle";

// DELETE /api/v1/bundles/:id/assignments/:assignmentId – stop wanting the bundle there
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => unassignBundle(ctx, user, params.id!, params.assignmentId!));
