import { describe, expect, it } from "vitest";
import { parseLabelSelector } from "../helpers/label-selector";
import type { AccessRule } from "./access-rules";
import { roleOnCluster } from "./role-on-cluster";

describe("roleOnCluster", () => {
  const berlin = { siteId: "site-berlin", labels: { city: "berlin", tier: "store" } };
  const paris = { siteId: "site-paris", labels: { city: "paris", tier: "store" } };

  it("gives nothing without a covering grant: the cluster does not exist for the caller", () => {
    expect(roleOnCluster([], berlin)).toBeNull();
    expect(roleOnCluster([{ role: "admin", scope: "site", siteId: "site-paris" }], berlin)).toBeNull();
  });

  it("covers one site's clusters only with a site grant", () => {
    const rules: AccessRule[] = [{ role: "operator", scope: "site", siteId: "site-berlin" }];
    expect(roleOnCluster(rules, berlin)).toBe("operator");
    expect(roleOnCluster(rules, paris)).toBeNull();
  });

  it("covers the clusters whose labels match a selector grant", () => {
    const rules: AccessRule[] = [{ role: "viewer", scope: "selector", requirements: parseLabelSelector("city=paris") }];
    expect(roleOnCluster(rules, paris)).toBe("viewer");
    expect(roleOnCluster(rules, berlin)).toBeNull();
  });

  it("takes the highest role of every covering grant", () => {
    const rules: AccessRule[] = [
      { role: "viewer", scope: "all" },
      { role: "operator", scope: "selector", requirements: parseLabelSelector("tier=store") },
      { role: "admin", scope: "site", siteId: "site-paris" },
    ];
    expect(roleOnCluster(rules, berlin)).toBe("operator");
    expect(roleOnCluster(rules, paris)).toBe("admin");
    expect(roleOnCluster(rules, { siteId: "x", labels: {} })).toBe("viewer");
  });
});
