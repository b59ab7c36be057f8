import { ZUpdateAlertRuleRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { deleteAlertRule, updateAlertRule } from "@/src/server/alerts/alert-rule-service";

// PATCH /api/v1/alert-rules/:id – change a rule (switching it off closes its alerts without a notice)
export const PATCH = apiRoute({ role: "admin", body: ZUpdateAlertRuleRequest }, async ({ ctx, user, params, body }) => updateAlertRule(ctx, user, params.id!, body));

// DELETE /api/v1/alert-rules/:id – delete a rule and its alerts
export const DELETE = apiRoute({ role: "admin" }, async ({ ctx, user, params }) => {
  await deleteAlertRule(ctx, user, params.id!);
  return { ok: true };
});
