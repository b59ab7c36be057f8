import { ZCreateAlertRuleRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createAlertRule, listAlertRules } from "@/src/server/alerts/alert-rule-service";

// GET /api/v1/alert-rules – every alert rule, with how many of its alerts fire now
export const GET = apiRoute({ role: "viewer" }, async ({ ctx }) => listAlertRules(ctx.db));

// POST /api/v1/alert-rules – a new rule: condition, delay, scope (all, a site, a label selector) and channels
export const POST = apiRoute({ role: "operator", body: ZCreateAlertRuleRequest }, async ({ ctx, user, body }) =>
  Response.json(await createAlertRule(ctx, user, body), { status: 201 }),
);
