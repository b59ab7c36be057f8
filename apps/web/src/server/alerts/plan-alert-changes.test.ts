import { describe, expect, it } from "vitest";
import { parseLabelSelector } from "@outpost/cluster-core";
import { planAlertChanges, type ConditionHit, type OpenAlert, type PlanRule } from "./plan-alert-changes";

const T0 = new Date("2026-12-01T12:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const rule = (over: Partial<PlanRule> = {}): PlanRule => ({ id: "r1", condition: "cluster-offline", forSeconds: 60, enabled: true, scope: { kind: "all" }, ...over });
const hit = (over: Partial<ConditionHit> = {}): ConditionHit => ({
  condition: "cluster-offline",
  clusterId: "c1",
  siteId: "s1",
  labels: { kind: "store" },
  subject: "",
  since: T0,
  message: "offline",
  ...over,
});
const open = (over: Partial<OpenAlert> = {}): OpenAlert => ({ id: "a1", ruleId: "r1", clusterId: "c1", subject: "", state: "pending", since: T0, ...over });

describe("planAlertChanges", () => {
  it("opens a pending alert when a condition starts, and fires it once the rule's delay has passed", () => {
    const first = planAlertChanges([rule()], [hit()], [], at(1));
    expect(first.create).toEqual([{ ruleId: "r1", clusterId: "c1", subject: "", since: T0, message: "offline", fire: false }]);
    expect(planAlertChanges([rule()], [hit()], [open()], at(59)).fire).toEqual([]);
    expect(planAlertChanges([rule()], [hit()], [open()], at(60)).fire).toEqual([{ alertId: "a1", message: "offline" }]);
  });

  it("fires at once when the condition already held longer than the delay", () => {
    expect(planAlertChanges([rule()], [hit()], [], at(600)).create[0]?.fire).toBe(true);
  });

  it("never fires a firing alert again while its condition holds (de-duplication)", () => {
    const plan = planAlertChanges([rule()], [hit(), hit()], [open({ state: "firing" })], at(3600));
    expect(plan).toEqual({ create: [], fire: [], resolve: [], drop: [], close: [] });
  });

  it("resolves a firing alert when its condition clears, and forgets a pending one that never fired", () => {
    expect(planAlertChanges([rule()], [], [open({ state: "firing" })], at(120)).resolve).toEqual(["a1"]);
    expect(planAlertChanges([rule()], [], [open({ state: "pending" })], at(30)).drop).toEqual(["a1"]);
  });

  it("closes the firing alerts of a switched-off rule without claiming the condition cleared", () => {
    const plan = planAlertChanges([rule({ enabled: false })], [hit()], [open({ state: "firing" })], at(120));
    expect(plan.close).toEqual(["a1"]);
    expect(plan.resolve).toEqual([]);
    expect(plan.create).toEqual([]);
  });

  it("keeps to the rule's scope: one site, or clusters matching a label selector", () => {
    const site = rule({ scope: { kind: "site", siteId: "s2" } });
    expect(planAlertChanges([site], [hit()], [], at(600)).create).toEqual([]);
    expect(planAlertChanges([site], [hit({ siteId: "s2" })], [], at(600)).create).toHaveLength(1);
    const selector = rule({ scope: { kind: "selector", requirements: parseLabelSelector("kind in (factory,warehouse)") } });
    expect(planAlertChanges([selector], [hit()], [], at(600)).create).toEqual([]);
    expect(planAlertChanges([selector], [hit({ labels: { kind: "factory" } })], [], at(600)).create).toHaveLength(1);
  });

  it("tracks each subject (node, workload) of a cluster on its own", () => {
    const nodes = rule({ condition: "node-not-ready" });
    const hits = [hit({ condition: "node-not-ready", subject: "agent-1" }), hit({ condition: "node-not-ready", subject: "agent-2" })];
    const plan = planAlertChanges([nodes], hits, [open({ subject: "agent-1", state: "firing" })], at(600));
    expect(plan.create.map((c) => c.subject)).toEqual(["agent-2"]);
    expect(plan.resolve).toEqual([]);
  });
});
