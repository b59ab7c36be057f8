import { createHash } from "node:crypto";
import { canonicalJson } from "@outpost/cluster-core";
import { describe, expect, it } from "vitest";
import { parseValues } from "./parse-values";

const digestOf = (v: unknown) => createHash("sha256").update(canonicalJson(v)).digest("hex");

describe("parseValues", () => {
  it("reads YAML as helm's go-yaml does: yes/no/on/off are booleans, timestamps stay text", () => {
    const { values } = parseValues("enabled: yes\nfeature: off\nwhen: 2026-01-15\nreplicas: 3\nname: shop\n");
    expect(values).toEqual({ enabled: true, feature: false, when: "2026-01-15", replicas: 3, name: "shop" });
  });

  it("digests the values as the agent digests a release's config, key order aside", () => {
    expect(parseValues("b: 1\na: {q: 2, p: 1}\n").digest).toBe(digestOf({ a: { p: 1, q: 2 }, b: 1 }));
    expect(parseValues("").digest).toBe(digestOf({}));
    expect(parseValues("  \n# only a comment\n").digest).toBe(digestOf({}));
  });

  it("refuses invalid YAML, duplicate keys and anything but a mapping", () => {
    expect(() => parseValues("a: [1, 2")).toThrow(/values are not valid YAML/);
    expect(() => parseValues("a: 1\na: 2\n")).toThrow(/values are not valid YAML/);
    expect(() => parseValues("- a\n- b\n")).toThrow(/must be a YAML mapping/);
    expect(() => parseValues("just text")).toThrow(/must be a YAML mapping/);
  });
});
