import { describe, expect, it } from "vitest";
import { ZKubeManifest } from "../schemas/desired-state";
import { accessBindings } from "./access-bindings";
import { outpostIdentity } from "./outpost-identity";

describe("access bindings and identities", () => {
  it("binds each role's group to view, edit and cluster-admin, as valid manifests", () => {
    const bindings = accessBindings();
    expect(bindings.map((b) => [b.metadata.name, (b as unknown as { roleRef: { name: string } }).roleRef.name])).toEqual([
      ["outpost-viewer", "view"],
      ["outpost-operator", "edit"],
      ["outpost-admin", "cluster-admin"],
    ]);
    for (const b of bindings) expect(ZKubeManifest.safeParse(b).success).toBe(true);
  });

  it("names the user and puts them in their role's group and their Outpost groups", () => {
    expect(outpostIdentity("alice", "operator", ["berlin-techs"])).toEqual({ user: "outpost:alice", groups: ["outpost:operator", "outpost:group:berlin-techs"] });
  });
});
