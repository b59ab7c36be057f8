import { ZAlertCondition, ZId, parseLabelSelector, parseStoredJson, type AlertCondition, type AlertScope } from "@outpost/cluster-core";
import { z } from "zod";
import type { AlertRule } from "../../../generated/prisma-sqlite";
import type { PlanRule } from "./plan-alert-changes";

export interface ReadRule {
  condition: AlertCondition;
  scope: AlertScope;
  channelIds: string[];
  /** The rule as the planner takes it; a selector that no longer parses matches nothing. */
  plan: PlanRule;
}

/** A stored rule's text columns, checked: the database holds strings, the code wants types. */
export function readAlertRule(row: AlertRule): ReadRule {
  const condition = ZAlertCondition.catch("cluster-offline").parse(row.condition);
  const channelIds = parseStoredJson(z.array(ZId), row.channelIds, []);
  let scope: AlertScope;
  let planScope: PlanRule["scope"];
  if (row.scopeKind === "site") {
    scope = { kind: "site", siteId: row.scopeSiteId ?? "" };
    planScope = { kind: "site", siteId: row.scopeSiteId };
  } else if (row.scopeKind === "selector") {
    scope = { kind: "selector", selector: row.scopeSelector };
    let requirements;
    try {
      requirements = parseLabelSelector(row.scopeSelector);
    } catch {
      requirements = null;
    }
    planScope = requirements ? { kind: "selector", requirements } : { kind: "site", siteId: null };
  } else {
    scope = { kind: "all" };
    planScope = { kind: "all" };
  }
  return { condition, scope, channelIds, plan: { id: row.id, condition, forSeconds: row.forSeconds, enabled: row.enabled, scope: planScope } };
}
