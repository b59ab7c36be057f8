import { describe, expect, it } from "vitest";
import { composeDesiredState, DesiredStateConflictError, MANAGED_BY_LABEL, SOURCE_ANNOTATION } from "./compose-desired-state";
import { objectsToPrune } from "./objects-to-prune";
import { objectRefOf } from "./object-ref";

const cm = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "shop", ...extra }, data: { a: "1" } });
const ns = (name: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
const crb = (name: string) => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name } });

describe("composeDesiredState", () => {
  it("labels every object as Outpost's and annotates it with its source, keeping its own labels", () => {
    const [m] = composeDesiredState([{ source: "operator", manifests: [cm("till", { labels: { team: "pos" }, annotations: { note: "x" } })] }]);
    expect(m!.metadata.labels).toEqual({ team: "pos", [MANAGED_BY_LABEL]: "outpost" });
    expect(m!.metadata.annotations).toEqual({ note: "x", [SOURCE_ANNOTATION]: "operator" });
    expect((m as { data?: unknown }).data).toEqual({ a: "1" });
  });

  it("does not change the manifests it was given", () => {
    const input = cm("till");
    composeDesiredState([{ source: "operator", manifests: [input] }]);
    expect(input.metadata).toEqual({ name: "till", namespace: "shop" });
  });

  it("orders namespaces and RBAC before other objects, whatever source lists them, and is stable otherwise", () => {
    const out = composeDesiredState([
      { source: "rollout:r1", manifests: [cm("b"), ns("shop")] },
      { source: "access", manifests: [crb("outpost-viewers")] },
      { source: "operator", manifests: [cm("a")] },
    ]);
    expect(out.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(["Namespace/shop", "ClusterRoleBinding/outpost-viewers", "ConfigMap/a", "ConfigMap/b"]);
  });

  it("gives the same result whatever order the sources come in", () => {
    const a = { source: "access", manifests: [crb("x")] };
    const b = { source: "operator", manifests: [cm("a"), cm("b")] };
    expect(composeDesiredState([a, b])).toEqual(composeDesiredState([b, a]));
  });

  it("refuses one object wanted by two sources, naming both", () => {
    expect(() => composeDesiredState([{ source: "operator", manifests: [cm("till")] }, { source: "rollout:r1", manifests: [cm("till")] }])).toThrow(
      new DesiredStateConflictError("ConfigMap/shop/till: sources 'operator' and 'rollout:r1' both want it"),
    );
  });

  it("refuses one object listed twice by the same source, also across API versions of one group", () => {
    const d = (apiVersion: string) => ({ apiVersion, kind: "Deployment", metadata: { name: "pos", namespace: "shop" } });
    expect(() => composeDesiredState([{ source: "operator", manifests: [d("apps/v1"), d("apps/v1beta1")] }])).toThrow(/lists it twice/);
  });

  it("treats same-named objects in other namespaces or groups as different objects", () => {
    const out = composeDesiredState([{ source: "operator", manifests: [cm("till"), { ...cm("till"), metadata: { name: "till", namespace: "other" } }, { apiVersion: "example.com/v1", kind: "ConfigMap", metadata: { name: "till", namespace: "shop" } }] }]);
    expect(out).toHaveLength(3);
  });
});

describe("objectsToPrune", () => {
  it("lists what the previous generation applied and the next one no longer wants, namespaces last", () => {
    const previous = [ns("old"), cm("a"), cm("b"), crb("x")].map(objectRefOf);
    expect(objectsToPrune(previous, [cm("b")])).toEqual([objectRefOf(cm("a")), objectRefOf(crb("x")), objectRefOf(ns("old"))]);
  });

  it("keeps an object whose API version changed within its group", () => {
    const previous = [{ apiVersion: "apps/v1beta1", kind: "Deployment", name: "pos", namespace: "shop" }];
    expect(objectsToPrune(previous, [{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "pos", namespace: "shop" } }])).toEqual([]);
  });

  it("prunes nothing when nothing was applied before, and everything when nothing is wanted", () => {
    expect(objectsToPrune([], [cm("a")])).toEqual([]);
    expect(objectsToPrune([objectRefOf(cm("a"))], [])).toEqual([objectRefOf(cm("a"))]);
  });
});
