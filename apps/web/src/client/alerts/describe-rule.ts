import { ALERT_CONDITIONS, formatHumanDuration, type AlertRuleView } from "@outpost/cluster-core";

/** "Cluster offline for 5 min", "Node NotReady at once". */
export function describeRuleWhen(rule: Pick<AlertRuleView, "condition" | "forSeconds">): string {
  return `${ALERT_CONDITIONS[rule.condition]} ${rule.forSeconds === 0 ? "at once" : `for ${formatHumanDuration(rule.forSeconds * 1000)}`}`;
}

/** "every cluster", "site store-berlin", "clusters with kind in (store)". */
export function describeRuleScope(rule: Pick<AlertRuleView, "scope" | "scopeSiteName">): string {
  switch (rule.scope.kind) {
    case "all":
      return "every cluster";
    case "site":
      return rule.scopeSiteName ? `site ${rule.scopeSiteName}` : "a site that no longer exists (matches nothing)";
    case "selector":
      return `clusters with ${rule.scope.selector}`;
  }
}
