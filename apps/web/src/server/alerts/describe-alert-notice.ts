import { formatHumanDuration, type AlertNotice } from "@outpost/cluster-core";

/**
 * A notice in words, the same for every channel: a title (Slack's first line, the e-mail's
 * subject, the in-app notification) and a few lines of text.
 */
export function describeAlertNotice(n: AlertNotice): { title: string; text: string } {
  const where = `${n.cluster.name} (site ${n.cluster.site})`;
  const what = {
    "cluster-offline": `${where} is offline`,
    "link-degraded": `${where}: link degraded`,
    "node-not-ready": `${where}: node ${n.alert.subject} NotReady`,
    "workload-unhealthy": `${where}: workload ${n.alert.subject} unhealthy`,
    "desired-failing": `${where}: desired state failing`,
  }[n.alert.rule.condition];
  const since = Date.parse(n.alert.since);
  const lines: string[] = [];
  let title: string;
  if (n.event === "resolved") {
    title = `Resolved: ${what}`;
    lines.push(`Cleared after ${formatHumanDuration(Date.parse(n.alert.resolvedAt ?? n.at) - since)} (since ${n.alert.since}).`);
  } else {
    title = n.event === "test" ? `Test: ${what}` : what;
    lines.push(`${n.alert.message}.`, `For ${formatHumanDuration(Date.parse(n.at) - since)} (since ${n.alert.since}).`);
  }
  lines.push(`Rule: ${n.alert.rule.name}.`);
  if (n.cluster.url) lines.push(n.cluster.url);
  if (n.event === "test") lines.push("This is a test message from Outpost; no alert is open.");
  return { title, text: lines.join("\n") };
}
