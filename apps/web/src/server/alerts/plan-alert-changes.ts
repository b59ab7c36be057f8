import { matchesLabelSelector, type AlertCondition, type LabelRequirement } from "@outpost/cluster-core";

export interface PlanRule {
  id: string;
  condition: AlertCondition;
  forSeconds: number;
  enabled: boolean;
  /** Parsed scope: every cluster, one site, or clusters whose labels match. */
  scope: { kind: "all" } | { kind: "site"; siteId: string | null } | { kind: "selector"; requirements: LabelRequirement[] };
}

/** A condition that holds now on a cluster (and subject). */
export interface ConditionHit {
  condition: AlertCondition;
  clusterId: string;
  siteId: string;
  labels: Record<string, string>;
  subject: string;
  /** Since when it holds, as far as the centre knows. */
  since: Date;
  message: string;
}

export interface OpenAlert {
  id: string;
  ruleId: string;
  clusterId: string;
  subject: string;
  state: "pending" | "firing";
  since: Date;
}

export interface AlertPlan {
  /** New alerts; `fire` when the condition already held long enough. */
  create: { ruleId: string; clusterId: string; subject: string; since: Date; message: string; fire: boolean }[];
  /** Pending alerts whose condition has now held for the rule's delay. */
  fire: { alertId: string; message: string }[];
  /** Firing alerts whose condition cleared: a resolved notice goes out. */
  resolve: string[];
  /** Pending alerts whose condition cleared before they fired: forgotten, nobody was told. */
  drop: string[];
  /** Firing alerts of a rule that was switched off: closed without a notice (the condition did not clear). */
  close: string[];
}

/** The key that makes an open alert unique: one per rule, cluster and subject. */
export function openAlertKey(ruleId: string, clusterId: string, subject: string): string {
  return `${ruleId}|${clusterId}|${subject}`;
}

/**
 * What to change, given the rules, the conditions that hold now and the alerts still open. Pure,
 * so the whole life of an alert (pending → firing → resolved, or dropped when brief) is tested
 * without a clock or a database.
 */
export function planAlertChanges(rules: PlanRule[], hits: ConditionHit[], open: OpenAlert[], now: Date): AlertPlan {
  const plan: AlertPlan = { create: [], fire: [], resolve: [], drop: [], close: [] };
  const openByKey = new Map(open.map((a) => [openAlertKey(a.ruleId, a.clusterId, a.subject), a]));
  const held = new Set<string>();
  const due = (since: Date, rule: PlanRule) => now.getTime() - since.getTime() >= rule.forSeconds * 1000;

  for (const rule of rules) {
    if (!rule.enabled) continue;
    for (const hit of hits) {
      if (hit.condition !== rule.condition || !inScope(rule, hit)) continue;
      const key = openAlertKey(rule.id, hit.clusterId, hit.subject);
      if (held.has(key)) continue;
      held.add(key);
      const existing = openByKey.get(key);
      if (!existing) plan.create.push({ ruleId: rule.id, clusterId: hit.clusterId, subject: hit.subject, since: hit.since, message: hit.message, fire: due(hit.since, rule) });
      else if (existing.state === "pending" && due(existing.since, rule)) plan.fire.push({ alertId: existing.id, message: hit.message });
    }
  }

  const enabled = new Set(rules.filter((r) => r.enabled).map((r) => r.id));
  for (const alert of open) {
    if (held.has(openAlertKey(alert.ruleId, alert.clusterId, alert.subject))) continue;
    if (alert.state === "pending") plan.drop.push(alert.id);
    else if (enabled.has(alert.ruleId)) plan.resolve.push(alert.id);
    else plan.close.push(alert.id);
  }
  return plan;
}

function inScope(rule: PlanRule, hit: ConditionHit): boolean {
  switch (rule.scope.kind) {
    case "all":
      return true;
    case "site":
      return rule.scope.siteId === hit.siteId;
    case "selector":
      return matchesLabelSelector(hit.labels, rule.scope.requirements);
  }
}
