import { ZCreateAlertRuleRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createAlertRule, listAlertRules } from "@/src/server/alerts/alert-rule-service";

// GET /api/v1/alert-rules – the rules about clusters the caller may see, with how many of their alerts fire there now
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller }) => listAlertRules(ctx, caller.access));

// POST /api/v1/alert-rules – a new rule: condition, delay, scope (all, a site, a label selector) and channels
// (admins only: rules and channels span sites and decide where the whole fleet's alerts go)
export const POST = apiRoute({ role: "admin", body: ZCreateAlertRuleRequest }, async ({ ctx, user, body }) =>
  Response.json(await createAlertRule(ctx, user, body), { status: 201 }),
);
